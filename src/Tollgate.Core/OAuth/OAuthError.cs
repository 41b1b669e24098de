namespace Tollgate.Core.OAuth;

/// <summary>An expected protocol failure: an RFC 6749 §5.2 error code and a human-readable description.</summary>
public sealed record OAuthError(string Code, string Description)
{
    /// <summary>What went wrong, for the audit trail and the log; never sent to the client.</summary>
    public string? Reason { get; init; }

    public static OAuthError InvalidRequest(string description) => new(OAuthErrors.InvalidRequest, description);

    public static OAuthError InvalidClient() => new(OAuthErrors.InvalidClient, "Client authentication failed.");

    /// <summary>When a refused request may be tried again (429 slow_down, 503): the Retry-After header.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A fresh DPoP nonce (RFC 9449 §8): sent in the <c>DPoP-Nonce</c> header with the error.</summary>
    public string? DpopNonce { get; init; }

    public static OAuthError InvalidDpopProof(string description) => new(OAuthErrors.InvalidDpopProof, description);

    /// <summary>Too many failed authentications from here (RFC 6585 §4 429, with <see cref="RetryAfter"/>).</summary>
    public static OAuthError SlowDown(TimeSpan retryAfter) =>
        new(OAuthErrors.SlowDown, "Too many failed client authentications from this address; wait before trying again.") { RetryAfter = retryAfter, Reason = "throttled" };

    /// <summary>The credential's token quota (<paramref name="rate"/>) is used up for now: 429, with <see cref="RetryAfter"/> when known.</summary>
    public static OAuthError QuotaExceeded(string rate, TimeSpan? retryAfter) =>
        new(OAuthErrors.SlowDown, $"This credential's quota of {rate} tokens is used up; wait before asking again.") { RetryAfter = retryAfter, Reason = "quota_exceeded" };
}
