namespace Tollgate.Core.Credentials;

/// <summary>
/// What the token path needs to know about an API credential; immutable, cached per node. <see cref="Version"/>
/// counts its changes (every edit, rotation, revocation): writes are conditional on it, and it is the admin API's ETag.
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
    int Version = 0)
{
    public bool IsRevoked => RevokedAt is not null;
}
