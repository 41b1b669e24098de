namespace Tollgate.Core.Authentication;

/// <summary>
/// Why a client authentication failed: for the audit trail and the log only. The client is told
/// <c>invalid_client</c> alike for each (no oracle for which part was wrong, or that the secret was right).
/// </summary>
public static class ClientAuthFailures
{
    public const string NoCredentials = "no_credentials";
    public const string Malformed = "malformed_credentials";
    public const string UnknownClient = "unknown_client";
    public const string WrongSecret = "wrong_secret";
    public const string Revoked = "revoked";

    /// <summary>A client assertion that does not verify or breaks an RFC 7523 rule (its description says which).</summary>
    public const string InvalidAssertion = "invalid_assertion";

    /// <summary>A client assertion whose jti was used before, on this node or another.</summary>
    public const string ReplayedAssertion = "replayed_assertion";

    /// <summary>The credential's expiry has passed; the one failure the client is told (once its secret was right).</summary>
    public const string Expired = "expired";
    public const string OtherCloud = "other_cloud";
    public const string OutsideAllowedNetworks = "outside_allowed_networks";
    public const string WrongEndpoint = "wrong_endpoint";

    /// <summary>Too many failures from this address (for this client id, or at all): refused before any check, with 429.</summary>
    public const string Throttled = "throttled";
}
