using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.Authentication;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;

namespace Tollgate.Server.OAuth;

/// <summary>Client authentication as every OAuth endpoint does it: parse, require, check.</summary>
internal sealed class ClientAuthStep(ClientAuthenticator authenticator, IOptions<TollgateServerOptions> options, ILogger<ClientAuthStep> logger)
{
    /// <summary>
    /// The common start of introspection (RFC 7662 §2.1) and revocation (RFC 7009 §2.1): a form with a
    /// <c>token</c>, sent by an authenticated client of this cloud (customer or MSP).
    /// </summary>
    public async ValueTask<Result<(CredentialRecord Client, string Token)>> ReadTokenRequestAsync(HttpContext context, CloudDefinition cloud)
    {
        var form = await FormReader.ReadAsync(context, options.Value.MaxFormBytes).ConfigureAwait(false);
        if (!form.Succeeded)
        {
            return form.Error;
        }

        var client = await AuthenticateAsync(context, cloud, form.Value, expectedOwner: null).ConfigureAwait(false);
        if (!client.Succeeded)
        {
            return client.Error;
        }

        return form.Value.TryGetValue(OAuthParameters.Token, out var token)
            ? Result<(CredentialRecord, string)>.Success((client.Value, token))
            : OAuthError.InvalidRequest("The token parameter is required.");
    }

    public async ValueTask<Result<CredentialRecord>> AuthenticateAsync(
        HttpContext context,
        CloudDefinition cloud,
        IReadOnlyDictionary<string, string> form,
        OwnerKind? expectedOwner)
    {
        var parsed = ClientCredentialsParser.Parse(context.Request.Headers.Authorization, form);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        if (parsed.Value is not { } presented)
        {
            // No credentials at all: challenge with Basic, the method the documentation teaches.
            return OAuthError.InvalidClient(basicChallenge: true) with { Description = "Client authentication is required." };
        }

        var result = await authenticator.AuthenticateAsync(presented, cloud.Name, context.Connection.RemoteIpAddress, expectedOwner, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            Log.ClientAuthenticationFailed(logger, Redact.Hash(presented.ClientId), cloud.Name.Value, result.Error.Code);
        }

        return result;
    }
}
