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

    public int HashVersion { get; set; }

    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? SecretRotatedAt { get; set; }

    /// <summary>How many times the secret was rotated; tokens carry it, and a rotation refuses every older one.</summary>
    public int SecretGeneration { get; set; }

    /// <summary>The administrator role (AdminRole), 0 for an ordinary credential.</summary>
    public int Role { get; set; }

    /// <summary>How many times the credential was changed: every write is conditional on it.</summary>
    public int Version { get; set; }
}
