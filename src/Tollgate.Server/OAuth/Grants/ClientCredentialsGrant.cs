using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Batching;
using Tollgate.Server.Dpop;
using Tollgate.Server.Hosting;
using Tollgate.Server.Observability;
using Tollgate.Server.Protection;

namespace Tollgate.Server.OAuth.Grants;

/// <summary>RFC 6749 §4.4: the client-credentials grant, at <c>/token</c> (customer credentials) and <c>/msp/auth/v1/token</c> (MSP credentials).</summary>
internal sealed class ClientCredentialsGrant(
    ClientAuthStep clientAuth,
    CloudRegistry clouds,
    AccessTokenIssuer issuer,
    LastUsedBatcher usage,
    TokenQuotas quotas,
    DpopProofs proofs,
    TollgateMetrics metrics,
    TimeProvider time,
    ILogger<ClientCredentialsGrant> logger) : IGrantHandler
{
    public string GrantType => GrantTypes.ClientCredentials;

    public string? IssuedTokenType => null;

    public bool OfferedAt(OwnerKind endpoint) => true;

    public async ValueTask<Result<IssuedToken>> HandleAsync(HttpContext context, CloudDefinition cloud, OwnerKind endpoint, TokenRequest request)
    {
        var client = await clientAuth.AuthenticateAsync(context, cloud, request.Client, endpoint).ConfigureAwait(false);
        if (!client.Succeeded)
        {
            return client.Error;
        }

        var credential = client.Value;
        var scopes = credential.Scopes;
        if (request.Scope is { } requested)
        {
            // RFC 6749 §3.3: the requested scope must be known and within what the credential holds.
            if (!Scopes.TryParse(requested, out var asked) || (asked & ~credential.Scopes) != 0)
            {
                return new OAuthError(OAuthErrors.InvalidScope, $"The credential may request: {Scopes.Format(credential.Scopes)}.");
            }

            scopes = asked;
        }

        // RFC 9449 §5: a proof binds the token to its key; a credential that requires it gets no bearer token.
        var bound = await proofs.ReadAtTokenEndpointAsync(context, cloud).ConfigureAwait(false);
        if (!bound.Succeeded)
        {
            return bound.Error;
        }

        if (bound.Value is null && credential.RequireDpop)
        {
            return OAuthError.InvalidDpopProof("This credential's tokens must be DPoP-bound: send a DPoP proof.");
        }

        var now = time.GetUtcNow();
        if (clouds.Ring(cloud.Name).SigningKeyAt(now) is not { } key)
        {
            return new OAuthError(OAuthErrors.ServerError, "No signing key is active; try again shortly.");
        }

        // Last of the checks: a request refused for another reason takes nothing from the quota.
        if (quotas.TryTake(context, credential) is { } overQuota)
        {
            return overQuota;
        }

        var subject = new TokenSubject(
            credential.ClientId,
            credential.Owner,
            credential.Owner == OwnerKind.Customer ? credential.OwnerId : null,
            credential.Owner == OwnerKind.Msp ? credential.OwnerId : null,
            scopes,
            SecretGeneration: credential.SecretGeneration,
            Role: credential.Role,
            Jkt: bound.Value);
        var token = issuer.Issue(cloud, key, subject, now);
        metrics.TokenIssued(cloud.Name.Value, GrantTypes.ClientCredentials, credential.Owner);
        usage.Record(credential.ClientId, credential.SecretGeneration, now);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.TokenIssued(logger, Redact.Hash(credential.ClientId), cloud.Name.Value);
        }

        return Result<IssuedToken>.Success(token);
    }
}
