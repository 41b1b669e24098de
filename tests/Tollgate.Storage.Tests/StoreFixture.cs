using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Tollgate.Storage.Tests;

/// <summary>A fresh, migrated store (SQLite file, or a new PostgreSQL database) on a fake clock.</summary>
public sealed class StoreFixture(Func<Task<string?>>? postgres = null) : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    public TollgateStore Store { get; private set; } = null!;

    public StoreOptions Options { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connection = postgres is null ? null : await postgres();
        Options = new StoreOptions { DataDirectory = Directory, Kind = connection is null ? StoreKind.Sqlite : StoreKind.Postgres, Connection = connection };
        Store = new TollgateStore(Options, Time);
        await Store.Schema.MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
