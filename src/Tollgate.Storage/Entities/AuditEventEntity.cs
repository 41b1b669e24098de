namespace Tollgate.Storage.Entities;

/// <summary>The activity trail: who did what to which entity, from where, and when.</summary>
internal sealed class AuditEventEntity
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Cloud { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    public string? MspId { get; set; }

    public string? CustomerId { get; set; }

    public string? SourceIp { get; set; }

    public int? Status { get; set; }

    /// <summary>Why, where the action alone does not say (a failed client authentication's reason).</summary>
    public string? Detail { get; set; }
}
