using Microsoft.AspNetCore.Http;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.OAuth;

/// <summary><c>POST /introspect</c> (RFC 7662), for authenticated clients and their own tokens.</summary>
internal sealed class IntrospectionEndpoint(ClientAuthStep clientAuth, AccessTokenValidator validator)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = await clientAuth.ReadTokenRequestAsync(context, context.GetCloud()).ConfigureAwait(false);
        if (!request.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, request.Error).ConfigureAwait(false);
            return;
        }

        var (client, token) = request.Value;
        var validation = await validator.ValidateAsync(token, context.RequestAborted).ConfigureAwait(false);
        OAuthResults.SetNoStore(context.Response);
        // RFC 7662 §2.2: a token that is invalid, or not the caller's to see, is simply inactive.
        if (!validation.Succeeded || !client.Owns(validation.Value))
        {
            await OAuthResults.WriteJsonAsync(context.Response, writer => writer.WriteBoolean("active", false)).ConfigureAwait(false);
            return;
        }

        var info = validation.Value;
        await OAuthResults.WriteJsonAsync(context.Response, writer =>
        {
            writer.WriteBoolean("active", true);
            writer.WriteString(ClaimNames.Scope, Scopes.Format(info.Scopes));
            writer.WriteString(ClaimNames.ClientId, info.ClientId);
            writer.WriteString(OAuthParameters.TokenType, info.Jkt is null ? TokenTypes.Bearer : TokenTypes.Dpop);
            writer.WriteNumber(ClaimNames.Expires, info.ExpiresAt.ToUnixTimeSeconds());
            writer.WriteNumber(ClaimNames.IssuedAt, info.IssuedAt.ToUnixTimeSeconds());
            writer.WriteNumber(ClaimNames.NotBefore, info.IssuedAt.ToUnixTimeSeconds());
            writer.WriteString(ClaimNames.Subject, info.ClientId);
            writer.WriteString(ClaimNames.Audience, info.Audience);
            writer.WriteString(ClaimNames.Issuer, info.Issuer);
            writer.WriteString(ClaimNames.JwtId, info.JwtId);
            writer.WriteString(ClaimNames.CloudId, info.Cloud.Value);
            if (info.CustomerId is not null)
            {
                writer.WriteString(ClaimNames.CustomerId, info.CustomerId);
            }

            if (info.MspId is not null)
            {
                writer.WriteString(ClaimNames.MspId, info.MspId);
            }

            if (info.Jkt is not null)
            {
                // RFC 9449 §6.2: the key the token is bound to.
                writer.WriteStartObject(ClaimNames.Confirmation);
                writer.WriteString(ClaimNames.JwkThumbprint, info.Jkt);
                writer.WriteEndObject();
            }

            if (info.Actor is not null)
            {
                writer.WriteStartObject(ClaimNames.Actor);
                writer.WriteString(ClaimNames.Subject, info.Actor.Subject);
                writer.WriteString(ClaimNames.MspId, info.Actor.MspId);
                writer.WriteEndObject();
            }
        }).ConfigureAwait(false);
    }
}
