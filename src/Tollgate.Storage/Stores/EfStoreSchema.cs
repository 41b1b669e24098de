using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Stores;

namespace Tollgate.Storage.Stores;

internal sealed class EfStoreSchema(TollgateStore store) : IStoreSchema
{
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        // Never create anything to find out: an SQLite connection would make an empty file.
        if (store.Options.Kind == StoreKind.Sqlite && (!File.Exists(store.Options.SqlitePath) || new FileInfo(store.Options.SqlitePath).Length == 0))
        {
            return false;
        }

        await using var db = store.CreateContext();
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any();
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        if (store.Options.Kind == StoreKind.Sqlite)
        {
            PrivateFiles.EnsureFolder(store.Options.DataDirectory);
            PrivateFiles.EnsureFile(store.Options.SqlitePath);
        }

        await using var db = store.CreateContext();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (store.Options.Kind == StoreKind.Sqlite)
        {
            // WAL lets the server read while an admin command writes from another process; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        _ = store.Protector; // a new store gets its master key now (unless one is configured)
        return [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)];
    }
}
