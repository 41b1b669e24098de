using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tollgate.Core.Authentication;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.OAuth;

/// <summary>Client authentication as every OAuth endpoint does it: parse, require, check.</summary>
internal sealed class ClientAuthStep(ClientAuthenticator authenticator, ILogger<ClientAuthStep> logger)
{
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
