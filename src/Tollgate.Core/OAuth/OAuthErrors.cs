namespace Tollgate.Core.OAuth;

/// <summary>Error codes of RFC 6749 §5.2 and §4.1.2.1, RFC 6750 §3.1 and RFC 8693 §2.2.2.</summary>
public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidTarget = "invalid_target";
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";
    public const string UnsupportedTokenType = "unsupported_token_type";
    public const string ServerError = "server_error";

    /// <summary>RFC 6749 §4.1.2.1's code for a server that cannot answer now (its store is away); sent with 503 and Retry-After.</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    /// <summary>Throttled: RFC 8628 §3.5's code (registered in the OAuth Extensions Error Registry), answered with 429.</summary>
    public const string SlowDown = "slow_down";

    /// <summary>RFC 9449 §5: the DPoP proof is missing where required, malformed, or does not fit the request.</summary>
    public const string InvalidDpopProof = "invalid_dpop_proof";

    /// <summary>RFC 9449 §8/§9: send the proof again with the nonce in the <c>DPoP-Nonce</c> header.</summary>
    public const string UseDpopNonce = "use_dpop_nonce";
}
