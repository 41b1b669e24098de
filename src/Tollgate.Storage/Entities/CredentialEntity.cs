namespace Tollgate.Storage.Entities;

/// <summary>An API credential. Only a versioned hash of the secret is stored.</summary>
internal sealed class CredentialEntity
{
    public required string ClientId { get; set; }

    public required string Cloud { get; set; }

    public int OwnerKind { get; set; }

    public required string OwnerId { get; set; }

    public required string Name { get; set; }

    public int Scopes { get; set; }

    /// <summary>Space-separated CIDR blocks; empty for anywhere.</summary>
    public string AllowList { get; set; } = string.Empty;

    /// <summary>The token quota, "60/m 10000/d"; empty for the cloud's default.</summary>
    public string Quota { get; set; } = string.Empty;

    /// <summary>The client's public keys for private_key_jwt, as a JWK Set; empty for none.</summary>
    public string PublicKeys { get; set; } = string.Empty;

    /// <summary>Whether tokens are issued only when bound to a DPoP key.</summary>
    public bool RequireDpop { get; set; }

    public int HashVersion { get; set; }

    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? SecretRotatedAt { get; set; }

    /// <summary>How many times the secret was rotated; tokens carry it, and a rotation refuses every older one.</summary>
    public int SecretGeneration { get; set; }

    /// <summary>When the credential stops working; null for never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>After a rotation with a grace: the replaced secret's hash, working until <see cref="PreviousSecretUntil"/>.</summary>
    public byte[]? PreviousSecretHash { get; set; }

    public int PreviousHashVersion { get; set; }

    public DateTimeOffset? PreviousSecretUntil { get; set; }

    /// <summary>When the replaced secret was last used during its grace.</summary>
    public DateTimeOffset? PreviousSecretLastUsedAt { get; set; }

    /// <summary>The administrator role (AdminRole), 0 for an ordinary credential.</summary>
    public int Role { get; set; }

    /// <summary>How many times the credential was changed: every write is conditional on it.</summary>
    public int Version { get; set; }
}
