using System.Text;
using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage.Stores;

internal sealed class EfKeyRingStore(TollgateStore store) : IKeyRingStore
{
    private const string Purpose = "key-ring";

    public async Task<IReadOnlyList<string>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var rows = await db.KeyRing.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => Encoding.UTF8.GetString(store.Unprotect(r.Element, Purpose + ":" + r.Name, "The console's cookie key ring")))];
    }

    public async Task AddAsync(string name, string xml, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        db.KeyRing.Add(new KeyRingEntity
        {
            Name = name,
            Element = store.Protector.Protect(Encoding.UTF8.GetBytes(xml), Purpose + ":" + name),
            CreatedAt = store.Time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
