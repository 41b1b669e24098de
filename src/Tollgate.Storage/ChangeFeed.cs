using Microsoft.EntityFrameworkCore;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage;

/// <summary>Reads the change feed: rows appended by every writer, polled by every node.</summary>
public sealed class ChangeFeed(TollgateStore store)
{
    public async Task<long> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.Changes.MaxAsync(c => (long?)c.Seq, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    public async Task<IReadOnlyList<ChangeEntity>> ReadAfterAsync(long seq, int max, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.Changes.AsNoTracking().Where(c => c.Seq > seq).OrderBy(c => c.Seq).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes rows older than <paramref name="before"/>; nodes only ever read recent ones.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        return await db.Changes.Where(c => c.At < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
