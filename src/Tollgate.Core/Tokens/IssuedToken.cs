namespace Tollgate.Core.Tokens;

/// <summary>A signed access token and what a token response says of it; <see cref="Jkt"/> set when it is DPoP-bound.</summary>
public sealed record IssuedToken(string AccessToken, string JwtId, int ExpiresIn, DateTimeOffset ExpiresAt, string Scope, string? Jkt = null);
