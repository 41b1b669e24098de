using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Protection;
using Tollgate.Core.Stores;
using Tollgate.Storage.Postgres;
using Tollgate.Storage.Sqlite;
using Tollgate.Storage.Stores;

namespace Tollgate.Storage;

/// <summary>
/// The store Tollgate's state lives in (SQLite or PostgreSQL), seen through the store interfaces the rest of
/// Tollgate uses. Opening it touches nothing on disk: <see cref="IStoreSchema.MigrateAsync"/> creates it.
/// </summary>
public sealed class TollgateStore : IDisposable
{
    private readonly DbContextOptions _options;
    private readonly Func<DbContextOptions, TollgateDbContext> _factory;
    private readonly Lazy<KeyProtector> _protector;
    private readonly EfReplayStore _replays;

    public TollgateStore(StoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Time = time;
        switch (options.Kind)
        {
            case StoreKind.Sqlite:
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

        _protector = new Lazy<KeyProtector>(() => new KeyProtector(MasterKeyLoader.Load(options)));
        Schema = new EfStoreSchema(this);
        Msps = new EfMspStore(this);
        Customers = new EfCustomerStore(this);
        Credentials = new EfCredentialStore(this);
        Users = new EfUserStore(this);
        Revocations = new EfRevocationStore(this);
        SigningKeys = new EfSigningKeyStore(this);
        Audit = new EfAuditLog(this);
        Changes = new EfChangeLog(this);
        Administrators = new EfAdministratorStore(this);
        KeyRing = new EfKeyRingStore(this);
        _replays = new EfReplayStore(this);
    }

    public StoreOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>Encrypts signing keys at rest; the master key is read (or, for a new store, created) on first use.</summary>
    public KeyProtector Protector => _protector.Value;

    public IStoreSchema Schema { get; }

    public IMspStore Msps { get; }

    public ICustomerStore Customers { get; }

    public ICredentialStore Credentials { get; }

    public IUserStore Users { get; }

    public IRevocationStore Revocations { get; }

    public ISigningKeyStore SigningKeys { get; }

    public IAuditLog Audit { get; }

    public IChangeLog Changes { get; }

    public IAdministratorStore Administrators { get; }

    public IKeyRingStore KeyRing { get; }

    public IReplayStore Replays => _replays;

    internal TollgateDbContext CreateContext() => _factory(_options);

    /// <summary>Decrypts what this store encrypted; under another master key, says so instead of failing obscurely.</summary>
    internal byte[] Unprotect(byte[] data, string keyId, string what)
    {
        try
        {
            return Protector.Unprotect(data, keyId);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"{what} cannot be decrypted: the master key is not the one that encrypted it (every node and the CLI need the same master key).", e);
        }
    }

    public void Dispose()
    {
        _replays.Dispose();
        if (_protector.IsValueCreated)
        {
            _protector.Value.Dispose();
        }
    }
}
