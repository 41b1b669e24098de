using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Stores;

namespace Tollgate.Storage.Stores;

internal sealed class EfChangeLog(TollgateStore store) : IChangeLog
{
    public async Task<long> LatestAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return await db.Changes.MaxAsync(c => (long?)c.Seq, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    public async Task<IReadOnlyList<ChangeRecord>> ReadAfterAsync(long seq, int max, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return [.. (await db.Changes.AsNoTracking().Where(c => c.Seq > seq).OrderBy(c => c.Seq).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.ToRecord())];
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return await db.Changes.Where(c => c.At < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
