using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Protection;
using Tollgate.Storage.Postgres;
using Tollgate.Storage.Sqlite;

namespace Tollgate.Storage;

/// <summary>Opens contexts on the configured database and holds the key protector.</summary>
public sealed class TollgateStore : IDisposable
{
    private readonly DbContextOptions _options;
    private readonly Func<DbContextOptions, TollgateDbContext> _factory;

    public TollgateStore(StoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Time = time;
        switch (options.Kind)
        {
            case StoreKind.Sqlite:
                PrivateFiles.EnsureFolder(options.DataDirectory);
                PrivateFiles.EnsureFile(options.SqlitePath);
                var connection = new SqliteConnectionStringBuilder
                {
                    DataSource = options.SqlitePath,
                    // Writers from other processes (the CLI) wait for the lock instead of failing.
                    DefaultTimeout = 30,
                    Pooling = true,
                }.ToString();
                _options = new DbContextOptionsBuilder<SqliteTollgateDbContext>().UseSqlite(connection).Options;
                _factory = o => new SqliteTollgateDbContext((DbContextOptions<SqliteTollgateDbContext>)o);
                break;
            case StoreKind.Postgres:
                if (string.IsNullOrWhiteSpace(options.Connection))
                {
                    throw new InvalidOperationException("The postgres store needs a connection string (--connection \"Host=…;Database=…;Username=…\").");
                }

                _options = new DbContextOptionsBuilder<PostgresTollgateDbContext>().UseNpgsql(options.Connection).Options;
                _factory = o => new PostgresTollgateDbContext((DbContextOptions<PostgresTollgateDbContext>)o);
                break;
            default:
                throw new InvalidOperationException($"Unknown store kind {options.Kind}.");
        }

        Protector = new KeyProtector(MasterKeyLoader.Load(options));
    }

    public StoreOptions Options { get; }

    public TimeProvider Time { get; }

    public KeyProtector Protector { get; }

    public TollgateDbContext CreateContext()
    {
        var context = _factory(_options);
        context.ChangeTracker.AutoDetectChangesEnabled = true;
        return context;
    }

    /// <summary>Brings the schema up to date (idempotent; safe to run from several processes).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext();
        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (Options.Kind == StoreKind.Sqlite)
        {
            // WAL lets the server read while an admin command writes from another process; it persists in the file.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => Protector.Dispose();
}
