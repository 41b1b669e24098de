namespace Tollgate.Storage.Entities;

/// <summary>One element of the console's cookie-encryption key ring, encrypted with the store's master key.</summary>
internal sealed class KeyRingEntity
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required byte[] Element { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
