using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>With warm caches, /token and bearer validation touch no database; usage is written later, in batches.</summary>
public sealed class HotPathTests
{
    private const string Users = "insync/usermanagement/v1/users";

    [Fact]
    public async Task WarmTokenAndValidation_MakeNoDatabaseCommand()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:FlushInterval"] = "01:00:00" });
        var credential = await host.CreateCustomerCredentialAsync();
        async Task MintAndValidateAsync()
        {
            var token = await host.GetTokenAsync(credential);
            using var introspect = new HttpRequestMessage(HttpMethod.Post, "introspect")
            {
                Content = new FormUrlEncodedContent([new("token", token)]),
            };
            introspect.Headers.Authorization = new("Basic", credential.RawBasic);
            using var response = await host.Client().SendAsync(introspect);
            Assert.Contains("\"active\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await MintAndValidateAsync(); // warms the credential cache
        await Task.Delay(500); // lets the change feed deliver the credential's creation first
        var commands = new ConcurrentQueue<string>();
        using var subscription = CommandRecorder.Subscribe(host.DataDirectory, commands);

        for (var i = 0; i < 100; i++)
        {
            await MintAndValidateAsync();
        }

        // The recorder works: it sees the background change-feed poll…
        await Wait.UntilAsync(() => Task.FromResult(commands.Any(c => c.Contains("\"changes\"", StringComparison.Ordinal))), TimeSpan.FromSeconds(2));
        // …and nothing else: the request path made no database command.
        Assert.DoesNotContain(commands, c => !c.Contains("\"changes\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CredentialsInTheStoreAtStart_AreServedWithoutAQuery_OnTheirFirstRequest()
    {
        var data = Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));
        TestCredential credential;
        using (var store = new Storage.TollgateStore(new Storage.StoreOptions { DataDirectory = data }, TimeProvider.System))
        {
            await store.Schema.MigrateAsync(CancellationToken.None);
            var admin = new TestAdmin(store);
            var customer = await admin.CreateCustomerAsync(Core.Clouds.CloudName.Mainline, "Preloaded", null);
            var created = await admin.CreateCredentialAsync(Core.Credentials.OwnerKind.Customer, customer.Id, "n", Core.Credentials.ScopeSet.All, []);
            credential = new TestCredential(created.Credential.ClientId, created.SecretKey!, customer.Id, "mainline");
        }

        await using var host = await TestHost.StartAsync(dataDirectory: data, settings: new() { ["Tollgate:FlushInterval"] = "01:00:00" });
        await Task.Delay(500); // the change feed has nothing new; let one poll pass
        var commands = new ConcurrentQueue<string>();
        using var subscription = CommandRecorder.Subscribe(host.DataDirectory, commands);

        await host.GetTokenAsync(credential);

        Assert.DoesNotContain(commands, c => c.Contains("\"credentials\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownClientId_IsAnsweredFromMemory_LikeAWrongSecret_WithoutAQuery()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:FlushInterval"] = "01:00:00" });
        var credential = await host.CreateCustomerCredentialAsync();
        await Task.Delay(500); // one change-feed poll with nothing new
        var commands = new ConcurrentQueue<string>();
        using var subscription = CommandRecorder.Subscribe(host.DataDirectory, commands);

        // Every credential is in memory and the change feed is current: an id not there does not exist, and
        // finding that out costs what a wrong secret costs (no timing oracle for which ids exist).
        for (var i = 0; i < 20; i++)
        {
            using var unknown = await host.RequestTokenAsync(credential with { ClientId = "unknown-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        using var wrong = await host.RequestTokenAsync(credential with { Secret = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain(commands, c => c.Contains("\"credentials\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LastUsed_IsWrittenInABatchOffTheRequestPath()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:FlushInterval"] = "00:00:00.300" });
        var credential = await host.CreateCustomerCredentialAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await host.GetTokenAsync(credential);

        await Wait.UntilAsync(async () =>
        {
            var used = (await host.Admin.Credentials.ListAsync(null)).Single(c => c.Credential.ClientId == credential.ClientId).LastUsedAt;
            return used > before;
        }, TimeSpan.FromSeconds(5));
    }

    /// <summary>Records the SQL EF Core runs against one data folder's database.</summary>
    private sealed class CommandRecorder(string dataDirectory, ConcurrentQueue<string> commands) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly List<IDisposable> _subscriptions = [];

        public static IDisposable Subscribe(string dataDirectory, ConcurrentQueue<string> commands)
        {
            var recorder = new CommandRecorder(dataDirectory, commands);
            recorder._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(recorder));
            return new Unsubscriber(recorder._subscriptions);
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data &&
                data.Command.Connection?.DataSource?.Contains(dataDirectory, StringComparison.Ordinal) == true)
            {
                commands.Enqueue(data.Command.CommandText);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        private sealed class Unsubscriber(List<IDisposable> subscriptions) : IDisposable
        {
            public void Dispose()
            {
                lock (subscriptions)
                {
                    subscriptions.ForEach(s => s.Dispose());
                }
            }
        }
    }
}
