using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Administration;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;
using Tollgate.Core.Ids;
using Tollgate.Testing;

namespace Tollgate.Storage.Tests;

/// <summary>The storage contract, through the application services, run against every provider (see the derived classes).</summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private static readonly Actor Alice = Actor.Cli("alice");
    private static readonly CloudDefinition Mainline = new(CloudName.Mainline, "http://a", "http://a", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15));

    private readonly StoreFixture _fixture;

    protected StoreContractTests(StoreFixture fixture) => _fixture = fixture;

    protected StoreFixture Fixture => _fixture;

    private TollgateStore Store => _fixture.Store;

    private TenantService Tenants => new(Store.Msps, Store.Customers, _fixture.Time);

    private CredentialService Credentials => new(Store.Credentials, Tenants, _fixture.Time);

    private SigningKeyService Keys => new(Store.SigningKeys, Store.Protector, _fixture.Time);

    private UserService Users => new(Store.Users, _fixture.Time);

    /// <summary>Every administrative operation, each run on a store prepared for it.</summary>
    public static TheoryData<string> Operations => new()
    {
        "create MSP", "create customer", "create credential", "revoke credential", "rotate credential", "update credential",
        "rotate keys", "key schedule", "create user", "update user", "delete user", "revoke token",
    };

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Ownership_SkipsARowWhoseIdIsNoGuid_InsteadOfFailingStartUp()
    {
        var msp = Ok(await Tenants.CreateMspAsync(CloudName.Mainline, "M", Alice));
        var customer = Ok(await Tenants.CreateCustomerAsync(CloudName.Mainline, "C", msp.Id, null, Alice));
        await using (var db = Store.CreateContext())
        {
            // A row put in by hand, the way an operator might import a legacy tenant.
            db.Customers.Add(new Entities.CustomerEntity { Id = "legacy-1", Cloud = "mainline", CustomerName = "L", AccountName = "L", Address = string.Empty, Phone = string.Empty, MspId = null, Status = 1, CreatedOn = _fixture.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var owners = new List<CustomerOwnership>();
        await foreach (var owner in Store.Customers.ReadOwnershipAsync(CancellationToken.None))
        {
            owners.Add(owner);
        }

        var only = Assert.Single(owners);
        Assert.Equal(CustomerId.Parse(customer.Id), only.CustomerId);
        Assert.Equal(MspId.Parse(msp.Id), only.MspId);
    }

    [Fact]
    public async Task TwoNodesKeepingTheKeySchedule_AtTheSameMoment_AddOneKeyEach_NeverTwo()
    {
        // Two nodes: two stores on the same database, each with its own connections, as two processes would have.
        using var other = new TollgateStore(_fixture.Options, _fixture.Time);
        var nodes = new[] { Keys, new SigningKeyService(other.SigningKeys, other.Protector, _fixture.Time) };
        var clouds = Enumerable.Range(1, 8).Select(i => new CloudDefinition(CloudName.Parse("race" + i), "http://r" + i, "http://r" + i, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15))).ToList();
        async Task<int> KeysOfAsync(CloudDefinition cloud) => (await Store.SigningKeys.ListAsync(cloud.Name, CancellationToken.None)).Count;

        // A new cloud: both nodes find no key and make the first one at once.
        await Task.WhenAll(clouds.SelectMany(c => nodes.Select(n => n.MaintainAsync(c, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)))));
        foreach (var cloud in clouds)
        {
            Assert.Equal(1, await KeysOfAsync(cloud));
        }

        // A day before the month is up: both nodes schedule the next key at once.
        _fixture.Time.Advance(TimeSpan.FromDays(29.5));
        await Task.WhenAll(clouds.SelectMany(c => nodes.Select(n => n.MaintainAsync(c, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)))));
        foreach (var cloud in clouds)
        {
            Assert.Equal(2, await KeysOfAsync(cloud));
        }
    }

    [Fact]
    public async Task OneTimeValues_AreUsedOnce_AcrossStoreInstances_UnderConcurrency_AndPrunedWhenSpent()
    {
        using var other = new TollgateStore(_fixture.Options, _fixture.Time);
        var now = _fixture.Time.GetUtcNow();
        var prefix = Guid.NewGuid().ToString("N")[..8];
        Assert.True(await Store.Replays.TryUseAsync(prefix + "-a", now.AddMinutes(5), CancellationToken.None));
        Assert.False(await other.Replays.TryUseAsync(prefix + "-a", now.AddMinutes(5), CancellationToken.None)); // "another node"

        // 200 concurrent uses of 20 keys, through two instances (two nodes): each key is granted exactly once.
        var attempts = Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? Store : other).Replays.TryUseAsync($"{prefix}-{i % 20}", now.AddMinutes(5), CancellationToken.None));
        var granted = await Task.WhenAll(attempts);
        Assert.Equal(20, granted.Count(g => g));

        Assert.True(await Store.Replays.TryUseAsync(prefix + "-old", now.AddSeconds(-1), CancellationToken.None));
        Assert.True(await Store.Replays.PruneAsync(now, CancellationToken.None) >= 1);
        Assert.True(await Store.Replays.TryUseAsync(prefix + "-old", now.AddMinutes(5), CancellationToken.None)); // forgotten once spent
        Assert.False(await Store.Replays.TryUseAsync(prefix + "-a", now.AddMinutes(5), CancellationToken.None)); // the live one stays
    }

    [Fact]
    public async Task Migrate_IsIdempotent_AndLeavesNothingPending()
    {
        var applied = await Store.Schema.MigrateAsync(CancellationToken.None);

        await using var db = Store.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(await db.Database.GetAppliedMigrationsAsync(), applied);
        Assert.True(await Store.Schema.ExistsAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task EveryOperation_WritesItsChange_OneChangeFeedRow_AndOneAuditEvent_Together(string operation)
    {
        var run = await PrepareAsync(operation);
        var before = await SnapshotAsync();

        await run();

        var after = await SnapshotAsync();
        Assert.NotEqual(before.State, after.State);
        Assert.Equal(before.Changes + 1, after.Changes);
        Assert.Equal(before.Audit + 1, after.Audit);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task EveryOperation_WhenTheStoreFailsMidway_LeavesNoneOfItsWrites(string operation)
    {
        var run = await PrepareAsync(operation);
        var before = await SnapshotAsync();

        // The audit row is written in the same transaction as the change: make the database refuse it.
        await InjectAuditFailureAsync(on: true);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(run);
        }
        finally
        {
            await InjectAuditFailureAsync(on: false);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task CreateCredential_StoresOnlyAHash_AndWritesChangeAndAudit()
    {
        var customer = Ok(await Tenants.CreateCustomerAsync(CloudName.Mainline, "Acme", null, null, Alice));

        var created = Ok(await Credentials.CreateAsync(OwnerKind.Customer, customer.Id, "ci", ScopeSet.Read, ["10.0.0.0/8"], Alice));

        await using var db = Store.CreateContext();
        var row = await db.Credentials.SingleAsync(c => c.ClientId == created.Credential.ClientId);
        Assert.Equal(SecretHasher.Hash(created.SecretKey!), row.SecretHash);
        Assert.Equal((int)ScopeSet.Read, row.Scopes);
        Assert.Equal("10.0.0.0/8", row.AllowList);
        Assert.Equal("cli:alice", row.CreatedBy);
        Assert.Equal("mainline", row.Cloud);
        Assert.Contains(await Store.Changes.ReadAfterAsync(0, 100, CancellationToken.None), c => c.Kind == ChangeKinds.Credential && c.Subject == row.ClientId);
        Assert.Contains(await AuditAsync(), a => a.Action == AuditActions.CredentialCreate && a.Actor == "cli:alice" && a.CustomerId == customer.Id);
    }

    [Fact]
    public async Task RotationWithAGrace_KeepsThePreviousSecret_LastUseIsKeptPerSecret_AndTheStartupHorizonSeesIt()
    {
        var customer = Ok(await Tenants.CreateCustomerAsync(CloudName.Mainline, "Graceful", null, null, Alice));
        var created = Ok(await Credentials.CreateAsync(new CredentialSpec(OwnerKind.Customer, customer.Id, "g", ScopeSet.All, [], ExpiresAt: _fixture.Time.GetUtcNow().AddDays(90)), Alice));
        var clientId = created.Credential.ClientId;
        var rotated = Ok(await Credentials.RotateAsync(clientId, Alice, grace: TimeSpan.FromDays(2)));
        var stored = (await Store.Credentials.FindAsync(ClientId.Parse(clientId), CancellationToken.None))!;
        Assert.Equal(created.Credential.SecretHash, stored.PreviousSecretHash);
        Assert.Equal(_fixture.Time.GetUtcNow().AddDays(2), stored.PreviousSecretUntil);
        Assert.Equal(_fixture.Time.GetUtcNow().AddDays(90), stored.ExpiresAt);
        Assert.Equal(1, rotated.Credential.SecretGeneration);

        var now = _fixture.Time.GetUtcNow();
        await Store.Credentials.RecordLastUsedAsync([new(new SecretUse(clientId, 1), now), new(new SecretUse(clientId, 0), now.AddSeconds(-5))], CancellationToken.None);
        var details = (await Credentials.ListAsync(CloudName.Mainline)).Single(d => d.Credential.ClientId == clientId);
        Assert.Equal(now, details.LastUsedAt);
        Assert.Equal(now.AddSeconds(-5), details.PreviousSecretLastUsedAt);

        // A day later the rotation is older than a node's start-up horizon, but its grace still runs: the node must know it.
        _fixture.Time.Advance(TimeSpan.FromDays(1));
        var horizon = _fixture.Time.GetUtcNow().AddHours(-1);
        Assert.Contains(await Store.Credentials.ReadRevokedOrRotatedSinceAsync(horizon, CancellationToken.None), c => c.ClientId == clientId);
    }

    [Fact]
    public async Task RevokeAndRotate_AreRecorded_RotateOfRevokedIsAConflict()
    {
        var msp = Ok(await Tenants.CreateMspAsync(CloudName.GovCloud, "MSP", Alice));
        var created = Ok(await Credentials.CreateAsync(OwnerKind.Msp, msp.Id, "m", ScopeSet.All, [], Alice));

        var rotated = Ok(await Credentials.RotateAsync(created.Credential.ClientId, Alice));
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var revoked = Ok(await Credentials.RevokeAsync(created.Credential.ClientId, Alice));
        var again = await Credentials.RotateAsync(created.Credential.ClientId, Alice);

        Assert.NotEqual(created.SecretKey, rotated.SecretKey);
        Assert.Equal(1, rotated.Credential.SecretGeneration);
        Assert.Equal(_fixture.Time.GetUtcNow(), revoked.RevokedAt);
        Assert.Equal(CloudName.GovCloud, revoked.Cloud);
        Assert.Equal(AdminErrorKind.Conflict, again.Error?.Kind);
        Assert.Equal(
            [AuditActions.CredentialCreate, AuditActions.CredentialRotate, AuditActions.CredentialRevoke],
            (await AuditAsync()).Where(a => a.EntityId == created.Credential.ClientId).Select(a => a.Action));
    }

    [Fact]
    public async Task ConcurrentRotations_OneWins_TheOtherIsAConflict_NeverTwoSecrets()
    {
        var customer = Ok(await Tenants.CreateCustomerAsync(CloudName.Mainline, "C", null, null, Alice));
        var created = Ok(await Credentials.CreateAsync(OwnerKind.Customer, customer.Id, "n", ScopeSet.All, [], Alice));
        var current = (await Store.Credentials.FindAsync(ClientId.Parse(created.Credential.ClientId), CancellationToken.None))!;

        // Two writers read version 0; the second's conditional write finds it changed.
        var first = await Store.Credentials.ReplaceAsync(current with { SecretGeneration = 1, Version = 1 }, 0, Journal(current), CancellationToken.None);
        var second = await Store.Credentials.ReplaceAsync(current with { SecretGeneration = 1, Name = "other", Version = 1 }, 0, Journal(current), CancellationToken.None);

        Assert.Equal(StoreWrite.Written, first);
        Assert.Equal(StoreWrite.Conflict, second);
        var stored = (await Store.Credentials.FindAsync(ClientId.Parse(current.ClientId), CancellationToken.None))!;
        Assert.Equal("n", stored.Name);
        Assert.Equal(1, stored.Version);
        Assert.Equal(StoreWrite.NotFound, await Store.Credentials.ReplaceAsync(current with { ClientId = "nobody" }, 0, Journal(current), CancellationToken.None));
    }

    [Theory]
    [InlineData("unknown customer", AdminErrorKind.NotFound)]
    [InlineData("customer id that is no GCID", AdminErrorKind.NotFound)]
    [InlineData("unknown msp", AdminErrorKind.NotFound)]
    [InlineData("bad cidr", AdminErrorKind.Invalid)]
    [InlineData("empty name", AdminErrorKind.Invalid)]
    [InlineData("name too long", AdminErrorKind.Invalid)]
    [InlineData("msp of another cloud", AdminErrorKind.Invalid)]
    [InlineData("unknown credential", AdminErrorKind.NotFound)]
    public async Task Services_AnswerBadRequests_WithErrorValues_AndWriteNothing(string kind, AdminErrorKind expected)
    {
        var msp = Ok(await Tenants.CreateMspAsync(CloudName.Mainline, "M", Alice));
        var customer = Ok(await Tenants.CreateCustomerAsync(CloudName.Mainline, "C", msp.Id, null, Alice));
        var before = await SnapshotAsync();

        AdminError? error = kind switch
        {
            "unknown customer" => (await Credentials.CreateAsync(OwnerKind.Customer, Guid.NewGuid().ToString(), "n", ScopeSet.All, [], Alice)).Error,
            "customer id that is no GCID" => (await Credentials.CreateAsync(OwnerKind.Customer, "x\u001b[2J", "n", ScopeSet.All, [], Alice)).Error,
            "unknown msp" => (await Tenants.CreateCustomerAsync(CloudName.Mainline, "x", "nope", null, Alice)).Error,
            "bad cidr" => (await Credentials.CreateAsync(OwnerKind.Customer, customer.Id, "n", ScopeSet.All, ["999.1.1.1/8"], Alice)).Error,
            "empty name" => (await Tenants.CreateMspAsync(CloudName.Mainline, " ", Alice)).Error,
            "name too long" => (await Tenants.CreateMspAsync(CloudName.Mainline, new string('n', 201), Alice)).Error,
            "msp of another cloud" => (await Tenants.CreateCustomerAsync(CloudName.GovApis, "x", msp.Id, null, Alice)).Error,
            "unknown credential" => (await Credentials.RevokeAsync("nobody", Alice)).Error,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.Equal(expected, error?.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error?.Message));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task SigningKeys_AreEncryptedAtRest_AndUnreadableWithAnotherMasterKey()
    {
        Assert.True(await Keys.MaintainAsync(Mainline, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)));

        var ring = await Keys.LoadRingAsync(Mainline);
        var key = Assert.Single(ring.Keys);
        var row = Assert.Single(await Store.SigningKeys.ListAsync(CloudName.Mainline, CancellationToken.None));
        var pkcs8 = ((ECDsa)((Microsoft.IdentityModel.Tokens.ECDsaSecurityKey)key.Key).ECDsa).ExportPkcs8PrivateKey();
        Assert.Equal(-1, row.ProtectedKey.AsSpan().IndexOf(pkcs8.AsSpan(pkcs8.Length - 32)));

        using var other = new TollgateStore(new StoreOptions { DataDirectory = _fixture.Directory, Kind = _fixture.Options.Kind, Connection = _fixture.Options.Connection, MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, _fixture.Time);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SigningKeyService(other.SigningKeys, other.Protector, _fixture.Time).LoadRingAsync(Mainline));
        Assert.Contains("master key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrators_OneAddressPerCloud_ConditionalWrites_TotpKeyEncryptedAtRest()
    {
        AdministratorAccount Account(string cloud) => new()
        {
            Id = Guid.NewGuid().ToString("D"),
            Cloud = CloudName.Parse(cloud),
            Email = "ada@example.com",
            NormalizedUserName = cloud.ToUpperInvariant() + "/ADA@EXAMPLE.COM",
            Role = AdminRole.CloudAdmin,
            CreatedAt = _fixture.Time.GetUtcNow(),
            CreatedBy = "cli:alice",
        };

        var ada = Account("mainline");
        Assert.Equal(StoreWrite.Written, await Store.Administrators.AddAsync(ada, CancellationToken.None));
        Assert.Equal(StoreWrite.Conflict, await Store.Administrators.AddAsync(Account("mainline"), CancellationToken.None));
        Assert.Equal(StoreWrite.Written, await Store.Administrators.AddAsync(Account("govcloud"), CancellationToken.None));
        Assert.Single(await Store.Administrators.ListAsync(CloudName.Mainline, CancellationToken.None));

        var read = (await Store.Administrators.FindByNormalizedUserNameAsync("MAINLINE/ADA@EXAMPLE.COM", CancellationToken.None))!;
        Assert.Equal(ada.Id, read.Id);
        var stamp = read.ConcurrencyStamp;
        read.AuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        read.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        Assert.Equal(StoreWrite.Written, await Store.Administrators.ReplaceAsync(read, stamp, CancellationToken.None));
        // A writer that read before that change loses: its expected stamp is gone.
        Assert.Equal(StoreWrite.Conflict, await Store.Administrators.ReplaceAsync(read, stamp, CancellationToken.None));
        Assert.Equal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", (await Store.Administrators.FindAsync(ada.Id, CancellationToken.None))!.AuthenticatorKey);

        using var other = new TollgateStore(new StoreOptions { DataDirectory = _fixture.Directory, Kind = _fixture.Options.Kind, Connection = _fixture.Options.Connection, MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, _fixture.Time);
        await Assert.ThrowsAsync<InvalidOperationException>(() => other.Administrators.FindAsync(ada.Id, CancellationToken.None));
    }

    [Fact]
    public async Task KeyRing_RoundTrips_AndIsEncryptedAtRest()
    {
        await Store.KeyRing.AddAsync("key-1", "<key id=\"1\"><secret>abc</secret></key>", CancellationToken.None);
        await Store.KeyRing.AddAsync("key-2", "<key id=\"2\" />", CancellationToken.None);
        Assert.Equal(["<key id=\"1\"><secret>abc</secret></key>", "<key id=\"2\" />"], await Store.KeyRing.ReadAllAsync(CancellationToken.None));

        using var other = new TollgateStore(new StoreOptions { DataDirectory = _fixture.Directory, Kind = _fixture.Options.Kind, Connection = _fixture.Options.Connection, MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, _fixture.Time);
        await Assert.ThrowsAsync<InvalidOperationException>(() => other.KeyRing.ReadAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Maintain_FollowsTheSchedule()
    {
        await Keys.MaintainAsync(Mainline, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1));

        _fixture.Time.Advance(TimeSpan.FromDays(28));
        Assert.False(await Keys.MaintainAsync(Mainline, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)));
        _fixture.Time.Advance(TimeSpan.FromDays(1));
        Assert.True(await Keys.MaintainAsync(Mainline, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)));
        var rows = await Keys.ListAsync(CloudName.Mainline);
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows[0].ActivatesAt + TimeSpan.FromDays(30), rows[1].ActivatesAt);

        _fixture.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(30));
        Assert.True(await Keys.MaintainAsync(Mainline, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1)));
        Assert.Equal([rows[1].Kid], (await Keys.ListAsync(CloudName.Mainline)).Select(k => k.Kid));
    }

    [Fact]
    public async Task RotateNow_ActivatesImmediately_AndWithdrawsPendingKeys()
    {
        await Keys.MaintainAsync(Mainline, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1));
        _fixture.Time.Advance(TimeSpan.FromDays(29.5));
        await Keys.MaintainAsync(Mainline, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1));
        Assert.Equal(2, (await Keys.ListAsync(CloudName.Mainline)).Count);

        var emergency = await Keys.RotateNowAsync(CloudName.Mainline, "RS256", Alice);

        var ring = await Keys.LoadRingAsync(Mainline);
        Assert.Equal(emergency.Kid, ring.SigningKeyAt(_fixture.Time.GetUtcNow())!.Kid);
        Assert.Equal("RS256", ring.SigningKeyAt(_fixture.Time.GetUtcNow())!.Algorithm);
        Assert.Equal(2, ring.Keys.Count);
        Assert.Null(ring.NextKeyAfter(_fixture.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ChangeFeed_ReadsInOrderAfterAPosition()
    {
        var start = await Store.Changes.LatestAsync(CancellationToken.None);
        var customer = Ok(await Tenants.CreateCustomerAsync(CloudName.Mainline, "A", null, null, Alice));
        var credential = Ok(await Credentials.CreateAsync(OwnerKind.Customer, customer.Id, "n", ScopeSet.All, [], Alice));

        var changes = await Store.Changes.ReadAfterAsync(start, 10, CancellationToken.None);

        Assert.Equal([ChangeKinds.Customer, ChangeKinds.Credential], changes.Select(c => c.Kind));
        Assert.Equal(credential.Credential.ClientId, changes[1].Subject);
        Assert.Empty(await Store.Changes.ReadAfterAsync(changes[1].Seq, 10, CancellationToken.None));
    }

    [Fact]
    public async Task AuditList_IsOldestFirst_ByTime_EvenWhenWrittenLate()
    {
        var now = _fixture.Time.GetUtcNow();
        await Store.Audit.AppendAsync([new AuditEvent(now.AddSeconds(5), "mainline", "b", "x.later", "t", "2")], CancellationToken.None);
        // Batched off the request path: an earlier event can be written after a later one.
        await Store.Audit.AppendAsync([new AuditEvent(now, "mainline", "a", "x.earlier", "t", "1")], CancellationToken.None);

        var events = await Store.Audit.ListAsync(new AuditQuery(Limit: 10), CancellationToken.None);

        Assert.Equal(["x.earlier", "x.later"], events.Select(e => e.Action));
        Assert.Equal(["x.later"], (await Store.Audit.ListAsync(new AuditQuery(Limit: 1), CancellationToken.None)).Select(e => e.Action));
    }

    /// <summary>Makes the state an operation needs, and returns the operation.</summary>
    private async Task<Func<Task>> PrepareAsync(string operation)
    {
        var msp = Ok(await Tenants.CreateMspAsync(CloudName.Mainline, "M", Alice));
        var customer = Ok(await Tenants.CreateCustomerAsync(CloudName.Mainline, "C", msp.Id, null, Alice));
        var credential = Ok(await Credentials.CreateAsync(OwnerKind.Customer, customer.Id, "n", ScopeSet.All, [], Alice));
        var customerId = CustomerId.Parse(customer.Id);
        var user = Ok(await Users.CreateAsync(CloudName.Mainline, customerId, new UserChanges("Ada", "ada@example.com"), Alice));
        await Keys.MaintainAsync(Mainline, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1));
        _fixture.Time.Advance(TimeSpan.FromDays(29.5)); // the schedule now has a next key to publish
        var token = new AccessTokenInfo(CloudName.Mainline, "http://a", "http://a", credential.Credential.ClientId, ScopeSet.All, customer.Id, null, null, "jti-1", null, _fixture.Time.GetUtcNow(), _fixture.Time.GetUtcNow().AddMinutes(30));
        var revocations = new TokenRevocationService(Store.Revocations, _fixture.Time);
        return operation switch
        {
            "create MSP" => async () => Ok(await Tenants.CreateMspAsync(CloudName.Mainline, "M2", Alice)),
            "create customer" => async () => Ok(await Tenants.CreateCustomerAsync(CloudName.Mainline, "C2", msp.Id, null, Alice)),
            "create credential" => async () => Ok(await Credentials.CreateAsync(OwnerKind.Msp, msp.Id, "m", ScopeSet.All, [], Alice)),
            "revoke credential" => async () => Ok(await Credentials.RevokeAsync(credential.Credential.ClientId, Alice)),
            "rotate credential" => async () => Ok(await Credentials.RotateAsync(credential.Credential.ClientId, Alice)),
            "update credential" => async () => Ok(await Credentials.UpdateAsync(credential.Credential.ClientId, new CredentialChanges("renamed", ScopeSet.Read, ["10.0.0.0/8"]), Alice)),
            "rotate keys" => async () => await Keys.RotateNowAsync(CloudName.Mainline, "ES256", Alice),
            "key schedule" => async () => Assert.True(await Keys.MaintainAsync(Mainline, "ES256", TimeSpan.FromDays(30), TimeSpan.FromDays(1))),
            "create user" => async () => Ok(await Users.CreateAsync(CloudName.Mainline, customerId, new UserChanges("Alan", "alan@example.com"), Alice)),
            "update user" => async () => Ok(await Users.UpdateAsync(CloudName.Mainline, customerId, UserId.From(user.UserId), new UserChanges(Status: "blocked"), Alice)),
            "delete user" => async () => Ok(await Users.DeleteAsync(CloudName.Mainline, customerId, UserId.From(user.UserId), Alice)),
            "revoke token" => async () => Assert.True(await revocations.RevokeAsync(token, Alice)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    /// <summary>Everything an operation could write, counted and fingerprinted.</summary>
    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = Store.CreateContext();
        var state = string.Join(
            '|',
            await db.Msps.CountAsync(),
            await db.Customers.CountAsync(),
            string.Join(',', (await db.Credentials.Select(c => new { c.ClientId, c.RevokedAt, c.SecretGeneration, c.Version }).ToListAsync()).OrderBy(c => c.ClientId, StringComparer.Ordinal).Select(c => $"{c.ClientId}:{c.RevokedAt}:{c.SecretGeneration}:{c.Version}")),
            string.Join(',', (await db.SigningKeys.Select(k => k.Kid).ToListAsync()).Order(StringComparer.Ordinal)),
            string.Join(',', (await db.Users.Select(u => new { u.UserId, u.Status }).ToListAsync()).Select(u => $"{u.UserId}:{u.Status}").Order(StringComparer.Ordinal)),
            await db.RevokedTokens.CountAsync());
        return new Snapshot(state, await db.Changes.CountAsync(), await db.AuditEvents.CountAsync());
    }

    private async Task InjectAuditFailureAsync(bool on)
    {
        await using var db = Store.CreateContext();
        var sql = (_fixture.Options.Kind, on) switch
        {
            (StoreKind.Sqlite, true) => "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
            (StoreKind.Sqlite, false) => "DROP TRIGGER fail_audit;",
            (_, true) => "CREATE FUNCTION fail_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql; " +
                         "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_audit();",
            (_, false) => "DROP TRIGGER fail_audit ON audit_events; DROP FUNCTION fail_audit();",
        };
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private Task<IReadOnlyList<AuditEvent>> AuditAsync() => Store.Audit.ListAsync(new AuditQuery(Limit: 1000), CancellationToken.None);

    private JournalEntry Journal(CredentialRecord credential) =>
        new(new AuditEvent(_fixture.Time.GetUtcNow(), credential.Cloud.Value, "test", AuditActions.CredentialRotate, "credential", credential.ClientId), ChangeKinds.Credential, credential.ClientId);

    private static T Ok<T>(AdminResult<T> result) => result.Succeeded ? result.Value : throw new InvalidOperationException(result.Error.Message);

    private sealed record Snapshot(string State, int Changes, int Audit);
}

public sealed class SqliteStoreTests() : StoreContractTests(new StoreFixture())
{
    [Fact]
    public async Task Migrate_CreatesSchemaInWalMode_AndIsIdempotent()
    {
        await Fixture.Store.Schema.MigrateAsync(CancellationToken.None);

        await using var connection = new SqliteConnection($"Data Source={Fixture.Store.Options.SqlitePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OpeningAStore_CreatesNothing_OnlyMigrateDoes()
    {
        var dir = Path.Combine(Fixture.Directory, "absent");
        using var store = new TollgateStore(new StoreOptions { DataDirectory = dir }, TimeProvider.System);

        Assert.False(await store.Schema.ExistsAsync(CancellationToken.None));
        Assert.False(Directory.Exists(dir));
        await store.Schema.MigrateAsync(CancellationToken.None);
        Assert.True(await store.Schema.ExistsAsync(CancellationToken.None));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task MasterKeyFile_IsCreatedOwnerOnly_OnFirstUse()
    {
        var path = Path.Combine(Fixture.Directory, MasterKeyLoader.FileName);
        Assert.NotNull(Fixture.Store.Protector);

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
