namespace Tollgate.Core.OAuth;

/// <summary>An expected protocol failure: an RFC 6749 §5.2 error code and a human-readable description.</summary>
public sealed record OAuthError(string Code, string Description)
{
    /// <summary>True when the client tried HTTP Basic, so a 401 must carry <c>WWW-Authenticate: Basic</c> (RFC 6749 §5.2).</summary>
    public bool BasicChallenge { get; init; }

    /// <summary>What went wrong, for the audit trail and the log; never sent to the client.</summary>
    public string? Reason { get; init; }

    public static OAuthError InvalidRequest(string description) => new(OAuthErrors.InvalidRequest, description);

    public static OAuthError InvalidClient(bool basicChallenge) =>
        new(OAuthErrors.InvalidClient, "Client authentication failed.") { BasicChallenge = basicChallenge };
}
