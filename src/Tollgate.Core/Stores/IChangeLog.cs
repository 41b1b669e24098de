namespace Tollgate.Core.Stores;

/// <summary>The change feed: rows every writer appends with its change, polled by every node.</summary>
public interface IChangeLog
{
    Task<long> LatestAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ChangeRecord>> ReadAfterAsync(long seq, int max, CancellationToken cancellationToken);

    /// <summary>Deletes rows older than <paramref name="before"/>; nodes only ever read recent ones.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
