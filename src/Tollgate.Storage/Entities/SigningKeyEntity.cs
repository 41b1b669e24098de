namespace Tollgate.Storage.Entities;

/// <summary>A signing key of one cloud; the private key is AES-GCM encrypted under the master key.</summary>
internal sealed class SigningKeyEntity
{
    public required string Kid { get; set; }

    public required string Cloud { get; set; }

    public required string Algorithm { get; set; }

    public required byte[] ProtectedKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ActivatesAt { get; set; }
}
