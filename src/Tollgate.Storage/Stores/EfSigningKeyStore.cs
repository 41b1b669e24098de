using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage.Stores;

internal sealed class EfSigningKeyStore(TollgateStore store) : ISigningKeyStore
{
    public async Task<IReadOnlyList<StoredSigningKey>> ListAsync(CloudName? cloud, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var query = db.SigningKeys.AsNoTracking();
        if (cloud is { } c)
        {
            query = query.Where(k => k.Cloud == c.Value);
        }

        return [.. (await query.OrderBy(k => k.Cloud).ThenBy(k => k.ActivatesAt).ToListAsync(cancellationToken).ConfigureAwait(false)).Select(k => k.ToRecord())];
    }

    public async Task ApplyAsync(IReadOnlyCollection<StoredSigningKey> add, IReadOnlyCollection<string> removeKids, JournalEntry journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(removeKids);
        await using var db = store.CreateContext();
        if (removeKids.Count > 0)
        {
            db.SigningKeys.RemoveRange(await db.SigningKeys.Where(k => removeKids.Contains(k.Kid)).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        foreach (var key in add)
        {
            db.SigningKeys.Add(new SigningKeyEntity
            {
                Kid = key.Kid,
                Cloud = key.Cloud.Value,
                Algorithm = key.Algorithm,
                ProtectedKey = key.ProtectedKey,
                CreatedAt = key.CreatedAt,
                ActivatesAt = key.ActivatesAt,
            });
        }

        Journal.Add(db, journal);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
