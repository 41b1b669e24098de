using Tollgate.Core.Clouds;

namespace Tollgate.Core.Stores;

/// <summary>A signing key at rest: the private key encrypted under the master key, with its schedule.</summary>
public sealed record StoredSigningKey(string Kid, CloudName Cloud, string Algorithm, byte[] ProtectedKey, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt);
