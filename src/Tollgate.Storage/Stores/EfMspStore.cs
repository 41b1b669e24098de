using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;
using Tollgate.Core.Ids;

namespace Tollgate.Storage.Stores;

internal sealed class EfMspStore(TollgateStore store) : IMspStore
{
    public async Task AddAsync(MspRecord msp, JournalEntry journal, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        db.Msps.Add(new MspEntity { Id = msp.Id, Cloud = msp.Cloud.Value, Name = msp.Name, CreatedAt = msp.CreatedAt });
        Journal.Add(db, journal);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<MspRecord?> FindAsync(MspId id, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var key = id.Value;
        return (await db.Msps.AsNoTracking().FirstOrDefaultAsync(m => m.Id == key, cancellationToken).ConfigureAwait(false))?.ToRecord();
    }

    public async Task<IReadOnlyList<MspRecord>> ListAsync(CloudName? cloud, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var query = db.Msps.AsNoTracking();
        if (cloud is { } c)
        {
            query = query.Where(m => m.Cloud == c.Value);
        }

        return [.. (await query.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).Select(m => m.ToRecord())];
    }
}
