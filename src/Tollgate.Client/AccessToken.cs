namespace Tollgate.Client;

/// <summary>An access token and when it stops being usable.</summary>
/// <param name="Value">The bearer token. Never logged by this library.</param>
/// <param name="ExpiresAt">When it expires, measured from when it was requested.</param>
/// <param name="Scope">The scope granted, when the server said.</param>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt, string? Scope)
{
    /// <inheritdoc/>
    public override string ToString() => $"AccessToken(expires {ExpiresAt:O}, scope {Scope})";
}
