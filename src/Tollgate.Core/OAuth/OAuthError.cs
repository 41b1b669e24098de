namespace Tollgate.Core.OAuth;

/// <summary>An expected protocol failure: an RFC 6749 §5.2 error code and a human-readable description.</summary>
public sealed record OAuthError(string Code, string Description)
{
    /// <summary>What went wrong, for the audit trail and the log; never sent to the client.</summary>
    public string? Reason { get; init; }

    public static OAuthError InvalidRequest(string description) => new(OAuthErrors.InvalidRequest, description);

    public static OAuthError InvalidClient() => new(OAuthErrors.InvalidClient, "Client authentication failed.");
}
