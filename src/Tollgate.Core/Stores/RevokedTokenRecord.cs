using Tollgate.Core.Clouds;

namespace Tollgate.Core.Stores;

/// <summary>An access token revoked through RFC 7009, kept until no validator would accept it.</summary>
public sealed record RevokedTokenRecord(string JwtId, CloudName Cloud, string ClientId, DateTimeOffset ExpiresAt);
