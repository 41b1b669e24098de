using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Tollgate.Storage.Tests;

/// <summary>A fresh, migrated store in its own folder, on a fake clock.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    public TollgateStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = new TollgateStore(new StoreOptions { DataDirectory = Directory }, Time);
        await Store.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
