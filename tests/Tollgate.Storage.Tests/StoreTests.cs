using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage.Tests;

/// <summary>The storage contract, run against every provider (see the derived classes).</summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture;

    protected StoreContractTests(StoreFixture fixture) => _fixture = fixture;

    protected StoreFixture Fixture => _fixture;

    private TollgateStore Store => _fixture.Store;

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Migrate_IsIdempotent_AndLeavesNothingPending()
    {
        await Store.MigrateAsync();

        await using var db = Store.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task CreateCredential_StoresOnlyAHash_AndWritesChangeAndAudit()
    {
        var admin = new Administration(Store, "alice");
        var customer = await admin.CreateCustomerAsync(CloudName.Mainline, "Acme", null);

        var created = await admin.CreateCredentialAsync(OwnerKind.Customer, customer.Id, "ci", ScopeSet.Read, ["10.0.0.0/8"]);

        await using var db = Store.CreateContext();
        var row = await db.Credentials.SingleAsync(c => c.ClientId == created.Credential.ClientId);
        Assert.Equal(SecretHasher.Hash(created.SecretKey), row.SecretHash);
        Assert.Equal((int)ScopeSet.Read, row.Scopes);
        Assert.Equal("10.0.0.0/8", row.AllowList);
        Assert.Equal("alice", row.CreatedBy);
        Assert.Equal("mainline", row.Cloud);
        Assert.Contains(await db.Changes.ToListAsync(), c => c.Kind == ChangeKinds.Credential && c.Subject == row.ClientId);
        Assert.Contains(await db.AuditEvents.ToListAsync(), a => a.Action == "credential.create" && a.Actor == "alice" && a.CustomerId == customer.Id);
    }

    [Fact]
    public async Task RevokeAndRotate_AreRecorded_RotateOfRevokedFails()
    {
        var admin = new Administration(Store, "bob");
        var msp = await admin.CreateMspAsync(CloudName.GovCloud, "MSP");
        var created = await admin.CreateCredentialAsync(OwnerKind.Msp, msp.Id, "m", ScopeSet.All, []);

        var rotated = await admin.RotateCredentialAsync(created.Credential.ClientId);
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var revoked = await admin.RevokeCredentialAsync(created.Credential.ClientId);

        Assert.NotEqual(created.SecretKey, rotated.SecretKey);
        Assert.Equal(_fixture.Time.GetUtcNow(), revoked.RevokedAt);
        Assert.Equal("govcloud", revoked.Cloud);
        await Assert.ThrowsAsync<AdminException>(() => admin.RotateCredentialAsync(created.Credential.ClientId));
        await using var db = Store.CreateContext();
        Assert.Equal(["credential.create", "credential.rotate", "credential.revoke"], await db.AuditEvents.Where(a => a.EntityId == created.Credential.ClientId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Theory]
    [InlineData("unknown customer")]
    [InlineData("unknown msp")]
    [InlineData("bad cidr")]
    [InlineData("empty name")]
    [InlineData("msp of another cloud")]
    public async Task Administration_RefusesBadRequests_WithAdminException(string kind)
    {
        var admin = new Administration(Store, "carol");
        var msp = await admin.CreateMspAsync(CloudName.Mainline, "M");
        var customer = await admin.CreateCustomerAsync(CloudName.Mainline, "C", msp.Id);
        Task action = kind switch
        {
            "unknown customer" => admin.CreateCredentialAsync(OwnerKind.Customer, "nope", "n", ScopeSet.All, []),
            "unknown msp" => admin.CreateCustomerAsync(CloudName.Mainline, "x", "nope"),
            "bad cidr" => admin.CreateCredentialAsync(OwnerKind.Customer, customer.Id, "n", ScopeSet.All, ["999.1.1.1/8"]),
            "empty name" => admin.CreateMspAsync(CloudName.Mainline, " "),
            "msp of another cloud" => admin.CreateCustomerAsync(CloudName.GovApis, "x", msp.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var error = await Assert.ThrowsAsync<AdminException>(() => action);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task SigningKeys_AreEncryptedAtRest_AndUnreadableWithAnotherMasterKey()
    {
        var cloud = new CloudDefinition(CloudName.Mainline, "http://a", "http://a", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15));
        var keys = new SigningKeyStore(Store);
        Assert.True(await keys.MaintainAsync(cloud, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)));

        var ring = await keys.LoadAsync(cloud);
        var key = Assert.Single(ring.Keys);
        await using var db = Store.CreateContext();
        var row = await db.SigningKeys.SingleAsync();
        var pkcs8 = ((System.Security.Cryptography.ECDsa)((Microsoft.IdentityModel.Tokens.ECDsaSecurityKey)key.Key).ECDsa).ExportPkcs8PrivateKey();
        Assert.Equal(-1, row.ProtectedKey.AsSpan().IndexOf(pkcs8.AsSpan(pkcs8.Length - 32)));

        using var other = new TollgateStore(new StoreOptions { DataDirectory = _fixture.Directory, Kind = _fixture.Options.Kind, Connection = _fixture.Options.Connection, MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, _fixture.Time);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SigningKeyStore(other).LoadAsync(cloud));
        Assert.Contains("master key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maintain_FollowsTheSchedule()
    {
        var cloud = new CloudDefinition(CloudName.Mainline, "http://a", "http://a", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15));
        var keys = new SigningKeyStore(Store);
        await keys.MaintainAsync(cloud, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1));

        _fixture.Time.Advance(TimeSpan.FromDays(28));
        Assert.False(await keys.MaintainAsync(cloud, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)));
        _fixture.Time.Advance(TimeSpan.FromDays(1));
        Assert.True(await keys.MaintainAsync(cloud, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)));
        var rows = await keys.ListAsync(CloudName.Mainline);
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows[0].ActivatesAt + TimeSpan.FromDays(30), rows[1].ActivatesAt);

        _fixture.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(30));
        Assert.True(await keys.MaintainAsync(cloud, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)));
        Assert.Equal([rows[1].Kid], (await keys.ListAsync(CloudName.Mainline)).Select(k => k.Kid));
    }

    [Fact]
    public async Task RotateNow_ActivatesImmediately_AndWithdrawsPendingKeys()
    {
        var cloud = new CloudDefinition(CloudName.Mainline, "http://a", "http://a", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15));
        var keys = new SigningKeyStore(Store);
        await keys.MaintainAsync(cloud, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1));
        _fixture.Time.Advance(TimeSpan.FromDays(29.5));
        await keys.MaintainAsync(cloud, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1));
        Assert.Equal(2, (await keys.ListAsync(CloudName.Mainline)).Count);

        var emergency = await keys.RotateNowAsync(CloudName.Mainline, "RS256", "ops");

        var ring = await keys.LoadAsync(cloud);
        Assert.Equal(emergency.Kid, ring.SigningKeyAt(_fixture.Time.GetUtcNow())!.Kid);
        Assert.Equal("RS256", ring.SigningKeyAt(_fixture.Time.GetUtcNow())!.Algorithm);
        Assert.Equal(2, ring.Keys.Count);
        Assert.Null(ring.NextKeyAfter(_fixture.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ChangeFeed_ReadsInOrderAfterAPosition()
    {
        var feed = new ChangeFeed(Store);
        var start = await feed.LatestAsync();
        var admin = new Administration(Store, "dave");
        var customer = await admin.CreateCustomerAsync(CloudName.Mainline, "A", null);
        var credential = await admin.CreateCredentialAsync(OwnerKind.Customer, customer.Id, "n", ScopeSet.All, []);

        var changes = await feed.ReadAfterAsync(start, 10);

        Assert.Equal([ChangeKinds.Customer, ChangeKinds.Credential], changes.Select(c => c.Kind));
        Assert.Equal(credential.Credential.ClientId, changes[1].Subject);
        Assert.Empty(await feed.ReadAfterAsync(changes[1].Seq, 10));
    }
}

public sealed class SqliteStoreTests() : StoreContractTests(new StoreFixture())
{
    [Fact]
    public async Task Migrate_CreatesSchemaInWalMode_AndIsIdempotent()
    {
        await Fixture.Store.MigrateAsync();

        await using var db = Fixture.Store.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await using var connection = new SqliteConnection($"Data Source={Fixture.Store.Options.SqlitePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task MasterKeyFile_IsCreatedOwnerOnly()
    {
        var path = Path.Combine(Fixture.Directory, MasterKeyLoader.FileName);

        Assert.True(File.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(32, Convert.FromBase64String(await File.ReadAllTextAsync(path)).Length);
    }

    [Fact]
    public void ConfiguredMasterKey_WinsOverTheFile_AndMustBe32Bytes()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var dir = Path.Combine(Fixture.Directory, "configured");

        Assert.Equal(Convert.FromBase64String(key), MasterKeyLoader.Load(new StoreOptions { DataDirectory = dir, MasterKey = key }));
        Assert.False(File.Exists(Path.Combine(dir, MasterKeyLoader.FileName)));
        Assert.Throws<InvalidOperationException>(() => MasterKeyLoader.Load(new StoreOptions { DataDirectory = dir, MasterKey = "c2hvcnQ=" }));
    }
}

/// <summary>The same contract on PostgreSQL: a cluster of the test's own, a new database per test.</summary>
public sealed class PostgresStoreTests(PostgresFixture cluster) : StoreContractTests(new StoreFixture(async () => await (await cluster.ClusterAsync()).CreateDatabaseAsync())), IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task CustomerIds_OrderAsBytes_ForPaging()
    {
        await using var db = Fixture.Store.CreateContext();
        db.Customers.AddRange(
            new Entities.CustomerEntity { Id = "b", Cloud = "mainline", CustomerName = "b" },
            new Entities.CustomerEntity { Id = "B", Cloud = "mainline", CustomerName = "B" },
            new Entities.CustomerEntity { Id = "a-1", Cloud = "mainline", CustomerName = "a-1" },
            new Entities.CustomerEntity { Id = "a1", Cloud = "mainline", CustomerName = "a1" });
        await db.SaveChangesAsync();

        var ordered = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var after = await db.Customers.Where(c => string.Compare(c.Id, "a1") > 0).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();

        Assert.Equal(["B", "a-1", "a1", "b"], ordered);
        Assert.Equal(["b"], after);
    }
}
