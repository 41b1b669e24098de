using Tollgate.Core.Keys;

namespace Tollgate.Core.Credentials;

/// <summary>
/// What the token path needs to know about an API credential; immutable, cached per node. <see cref="Version"/>
/// counts its changes (every edit, rotation, revocation): writes are conditional on it, and it is the admin API's ETag.
/// A null <see cref="Quota"/> takes its cloud's default. After a rotation with a grace, the previous secret's hash
/// works until <see cref="PreviousSecretUntil"/>; tokens obtained with it carry the previous generation. With
/// <see cref="RequireDpop"/>, every token it gets is bound to a DPoP key (RFC 9449).
/// </summary>
public sealed record CredentialRecord(
    string ClientId,
    Clouds.CloudName Cloud,
    OwnerKind Owner,
    string OwnerId,
    string Name,
    ScopeSet Scopes,
    NetworkAllowList AllowList,
    int HashVersion,
    byte[] SecretHash,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? SecretRotatedAt,
    int SecretGeneration = 0,
    AdminRole Role = AdminRole.None,
    int Version = 0,
    TokenQuota? Quota = null,
    DateTimeOffset? ExpiresAt = null,
    byte[]? PreviousSecretHash = null,
    int PreviousHashVersion = 0,
    DateTimeOffset? PreviousSecretUntil = null,
    ClientKeySet? ClientKeys = null,
    bool RequireDpop = false)
{
    /// <summary>The client's public keys for <c>private_key_jwt</c> (none: it authenticates with its secret only).</summary>
    public ClientKeySet PublicKeys => ClientKeys ?? ClientKeySet.Empty;

    /// <summary>Whether the credential has a secret at all (one created with keys alone has none until a rotation gives it one).</summary>
    public bool HasSecret => SecretHash.Length > 0;

    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    /// <summary>Whether the secret before the last rotation still works at <paramref name="now"/> (a rotation's grace).</summary>
    public bool PreviousSecretWorksAt(DateTimeOffset now) => PreviousSecretHash is not null && PreviousSecretUntil is { } until && now < until;
}
