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

    public async Task<bool> ApplyAsync(
        CloudName cloud,
        IReadOnlyCollection<StoredSigningKey> add,
        IReadOnlyCollection<string> removeKids,
        JournalEntry journal,
        DateTimeOffset? unlessPendingAfter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(removeKids);
        await using var db = store.CreateContext();
        // SQLite: Microsoft.Data.Sqlite begins transactions IMMEDIATE, so writers take turns from here. PostgreSQL:
        // an advisory lock per cloud, held to the end of the transaction. What follows sees the other writer's keys.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (store.Options.Kind == StoreKind.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7301, hashtext({0}))", ["signing-keys:" + cloud.Value], cancellationToken).ConfigureAwait(false);
        }

        var adding = add;
        if (unlessPendingAfter is { } after && add.Count > 0 &&
            await db.SigningKeys.AnyAsync(k => k.Cloud == cloud.Value && k.ActivatesAt > after, cancellationToken).ConfigureAwait(false))
        {
            adding = [];
        }

        var removing = removeKids.Count == 0 ? [] : await db.SigningKeys.Where(k => removeKids.Contains(k.Kid)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (adding.Count == 0 && removing.Count == 0)
        {
            return false;
        }

        db.SigningKeys.RemoveRange(removing);
        foreach (var key in adding)
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
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
