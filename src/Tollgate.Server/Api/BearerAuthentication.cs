using Microsoft.AspNetCore.Http;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Dpop;
using Tollgate.Server.Hosting;
using Tollgate.Server.Observability;

namespace Tollgate.Server.Api;

/// <summary>
/// Authentication on the protected APIs: "who is this?" — the access token of the request, validated: a bearer token
/// (RFC 6750 §2.1), or a DPoP-bound token with <c>Authorization: DPoP</c> and a proof of its key (RFC 9449 §7).
/// A DPoP-bound token presented as a bearer token is refused: without the key it is worth nothing, as intended.
/// Whether the caller may make the call is <see cref="ApiAuthorization"/>'s question.
/// </summary>
internal sealed class BearerAuthentication(AccessTokenValidator validator, DpopProofs proofs, TollgateMetrics metrics)
{
    private const string BearerPrefix = "Bearer ";
    private const string DpopPrefix = "DPoP ";

    public ValueTask<Result<AccessTokenInfo>> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (UsesDpop(header))
            {
                return AuthenticateDpopAsync(context, header[DpopPrefix.Length..].Trim());
            }

            // "Bearer" and nothing after it is a bearer credential, if an empty one; anything else is no credential.
            return ValueTask.FromResult<Result<AccessTokenInfo>>(header.Trim().Equals("Bearer", StringComparison.OrdinalIgnoreCase)
                ? new OAuthError(OAuthErrors.InvalidToken, "The bearer token is empty.")
                : NoToken);
        }

        // Warm path: the cached token is found by span, no copy of the header value and no await.
        if (validator.TryValidateCached(header.AsSpan(BearerPrefix.Length).Trim(), out var cached))
        {
            metrics.BearerValidated(cached.Succeeded, cacheHit: true);
            return ValueTask.FromResult(AsBearer(cached));
        }

        return ValidateAsync(header[BearerPrefix.Length..].Trim(), context.RequestAborted);
    }

    /// <summary>Whether the request presents its token with the DPoP scheme (its failures are challenged with DPoP).</summary>
    public static bool UsesDpop(HttpContext context) => UsesDpop(context.Request.Headers.Authorization.ToString());

    private static bool UsesDpop(string header) => header.StartsWith(DpopPrefix, StringComparison.OrdinalIgnoreCase);

    private async ValueTask<Result<AccessTokenInfo>> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        metrics.BearerValidated(result.Succeeded, cacheHit: false);
        return AsBearer(result);
    }

    private async ValueTask<Result<AccessTokenInfo>> AuthenticateDpopAsync(HttpContext context, string token)
    {
        if (token.Length == 0)
        {
            return new OAuthError(OAuthErrors.InvalidToken, "The DPoP access token is empty.");
        }

        var hit = validator.TryValidateCached(token, out var result);
        if (!hit)
        {
            result = await validator.ValidateAsync(token, context.RequestAborted).ConfigureAwait(false);
        }

        metrics.BearerValidated(result.Succeeded, cacheHit: hit);
        if (!result.Succeeded)
        {
            return result;
        }

        if (result.Value.Jkt is not { } jkt)
        {
            return new OAuthError(OAuthErrors.InvalidToken, "The access token is not DPoP-bound; send it as a Bearer token.");
        }

        return proofs.CheckAtApi(context, context.GetCloud(), token, jkt) is { } refused ? refused : result;
    }

    /// <summary>RFC 9449 §7.2: a bound token sent as a bearer token proves nothing of its key.</summary>
    private static Result<AccessTokenInfo> AsBearer(Result<AccessTokenInfo> result) =>
        result.Succeeded && result.Value.Jkt is not null ? BoundAsBearer : result;

    private static OAuthError BoundAsBearer { get; } =
        new(OAuthErrors.InvalidToken, "The access token is DPoP-bound: send it with Authorization: DPoP and a DPoP proof.");

    /// <summary>No bearer credentials at all: answered with a challenge that carries no error code (RFC 6750 §3.1).</summary>
    public static OAuthError NoToken { get; } = OAuthError.InvalidRequest("A bearer token is required.");
}
