using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tollgate.Core.Clouds;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;
using Tollgate.Storage;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

public sealed class KeyReloadTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task UnknownKid_ReloadsKeysBeforeRefusing_AtMostOncePerSecond()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = new TollgateStore(new StoreOptions { DataDirectory = _data }, time);
        await store.Schema.MigrateAsync(CancellationToken.None);
        var keys = new TestAdmin(store).Keys;
        var registry = new CloudRegistry(Microsoft.Extensions.Options.Options.Create(new TollgateServerOptions()), keys, time, NullLogger<CloudRegistry>.Instance);
        await registry.ReloadAllAsync(CancellationToken.None);

        // A key created elsewhere (another node, the CLI) after this node loaded its ring.
        var first = await keys.RotateNowAsync(CloudName.Mainline, "ES256", new Core.Administration.Actor("test"));
        Assert.NotNull(await registry.FindKeyAsync(CloudName.Mainline, first.Kid, CancellationToken.None));

        // A second new key within the same second: the reload is rate-limited, so it is not seen yet…
        var second = await keys.RotateNowAsync(CloudName.Mainline, "ES256", new Core.Administration.Actor("test"));
        Assert.Null(await registry.FindKeyAsync(CloudName.Mainline, second.Kid, CancellationToken.None));
        Assert.Null(await registry.FindKeyAsync(CloudName.Mainline, "garbage", CancellationToken.None));

        // …and is found once a second has passed.
        time.Advance(TimeSpan.FromSeconds(1.1));
        Assert.NotNull(await registry.FindKeyAsync(CloudName.Mainline, second.Kid, CancellationToken.None));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
