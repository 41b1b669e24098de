namespace Tollgate.Core.Stores;

/// <summary>One row of the change feed: what changed (<see cref="ChangeKinds"/>), for nodes to refresh their caches.</summary>
public sealed record ChangeRecord(long Seq, string Cloud, string Kind, string Subject, DateTimeOffset At);
