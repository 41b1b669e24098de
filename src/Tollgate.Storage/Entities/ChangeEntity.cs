namespace Tollgate.Storage.Entities;

/// <summary>One row of the change feed: what changed, for nodes to refresh their caches.</summary>
internal sealed class ChangeEntity
{
    public long Seq { get; set; }

    public required string Cloud { get; set; }

    public required string Kind { get; set; }

    public required string Subject { get; set; }

    public DateTimeOffset At { get; set; }
}
