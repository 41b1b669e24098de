using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;

namespace Tollgate.Server.OAuth;

/// <summary><c>POST /introspect</c> (RFC 7662), for authenticated clients and their own tokens.</summary>
internal sealed class IntrospectionEndpoint(ClientAuthStep clientAuth, AccessTokenValidator validator, IOptions<TollgateServerOptions> options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cloud = context.GetCloud();
        var form = await FormReader.ReadAsync(context, options.Value.MaxFormBytes).ConfigureAwait(false);
        if (!form.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, form.Error).ConfigureAwait(false);
            return;
        }

        var client = await clientAuth.AuthenticateAsync(context, cloud, form.Value, expectedOwner: null).ConfigureAwait(false);
        if (!client.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, client.Error).ConfigureAwait(false);
            return;
        }

        if (!form.Value.TryGetValue(OAuthParameters.Token, out var token))
        {
            await OAuthResults.WriteTokenErrorAsync(context, OAuthError.InvalidRequest("The token parameter is required.")).ConfigureAwait(false);
            return;
        }

        var validation = await validator.ValidateAsync(token, context.RequestAborted).ConfigureAwait(false);
        OAuthResults.SetNoStore(context.Response);
        // RFC 7662 §2.2: a token that is invalid, or not the caller's to see, is simply inactive.
        if (!validation.Succeeded || !client.Value.Owns(validation.Value))
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
            writer.WriteString(OAuthParameters.TokenType, TokenTypes.Bearer);
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
