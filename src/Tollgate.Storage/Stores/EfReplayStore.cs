using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage.Stores;

/// <summary>The replay check shared by every node: the key is the row's primary key, so a second insert fails.</summary>
internal sealed class EfReplayStore(TollgateStore store) : IReplayStore
{
    public async Task<bool> TryUseAsync(string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var db = store.CreateContext();
        db.UsedJtis.Add(new UsedJtiEntity { Key = key, Until = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // The primary key is taken: this node or another saw the value first.
            return false;
        }
    }

    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return await db.UsedJtis.Where(u => u.Until < now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
