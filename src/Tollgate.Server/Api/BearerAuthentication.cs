using Microsoft.AspNetCore.Http;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Observability;

namespace Tollgate.Server.Api;

/// <summary>
/// Authentication on the protected APIs: "who is this?" — the bearer token of the request (RFC 6750 §2.1),
/// validated. Whether that caller may make the call is <see cref="ApiAuthorization"/>'s question.
/// </summary>
internal sealed class BearerAuthentication(AccessTokenValidator validator, TollgateMetrics metrics)
{
    private const string BearerPrefix = "Bearer ";

    public ValueTask<Result<AccessTokenInfo>> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // "Bearer" and nothing after it is a bearer credential, if an empty one; anything else is no credential.
            return ValueTask.FromResult<Result<AccessTokenInfo>>(header.Trim().Equals("Bearer", StringComparison.OrdinalIgnoreCase)
                ? new OAuthError(OAuthErrors.InvalidToken, "The bearer token is empty.")
                : NoToken);
        }

        // Warm path: the cached token is found by span, no copy of the header value and no await.
        if (validator.TryValidateCached(header.AsSpan(BearerPrefix.Length).Trim(), out var cached))
        {
            metrics.BearerValidated(cached.Succeeded, cacheHit: true);
            return ValueTask.FromResult(cached);
        }

        return ValidateAsync(header[BearerPrefix.Length..].Trim(), context.RequestAborted);
    }

    private async ValueTask<Result<AccessTokenInfo>> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        metrics.BearerValidated(result.Succeeded, cacheHit: false);
        return result;
    }

    /// <summary>No bearer credentials at all: answered with a challenge that carries no error code (RFC 6750 §3.1).</summary>
    public static OAuthError NoToken { get; } = OAuthError.InvalidRequest("A bearer token is required.");
}
