namespace Tollgate.Storage.Entities;

/// <summary>A managed-service provider of one cloud.</summary>
internal sealed class MspEntity
{
    public required string Id { get; set; }

    public required string Cloud { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
