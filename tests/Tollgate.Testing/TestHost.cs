using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tollgate.Core.Administration;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Server;
using Tollgate.Server.Accounts;
using Tollgate.Storage;
using Tollgate.Core.Stores;

namespace Tollgate.Testing;

/// <summary>
/// A real Tollgate server on loopback: real Kestrel listeners for the three clouds, a real SQLite file in
/// a fresh folder. Optionally on a <see cref="FakeTimeProvider"/> for expiry and rotation tests.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private TestHost(WebApplication app, string dataDirectory, FakeTimeProvider? time)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Time = time;
        Store = app.Services.GetRequiredService<TollgateStore>();
        Admin = new TestAdmin(Store);
        Clouds = app.Clouds();
        foreach (var cloud in Clouds)
        {
            Issuers[cloud.Name.Value] = cloud.Issuer;
        }
    }

    public string DataDirectory { get; }

    public FakeTimeProvider? Time { get; }

    public TollgateStore Store { get; }

    public TestAdmin Admin { get; }

    public Dictionary<string, string> Issuers { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<CloudDefinition> Clouds { get; }

    public CloudDefinition Cloud(string name) => Clouds.Single(c => c.Name.Value == name);

    public IServiceProvider Services => _app.Services;

    public string Mainline => Issuers["mainline"];

    public static async Task<TestHost> StartAsync(
        bool fakeTime = false,
        Dictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        Action<IApplicationBuilder>? middleware = null,
        Action<WebApplication>? mapEndpoints = null)
    {
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Tollgate:Store:DataDirectory"] = data,
            ["Tollgate:Clouds:mainline:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Tollgate:Clouds:govcloud:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Tollgate:Clouds:govapis:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Logging:LogLevel:Default"] = "Warning",
            // Most tests send failed authentications by the dozen from 127.0.0.1 on purpose; the guard that would
            // throttle them has tests of its own (GuardTests), which turn it back on.
            ["Tollgate:Guard:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            overrides[key] = value;
        }

        var time = fakeTime ? new FakeTimeProvider(DateTimeOffset.UtcNow) : null;
        var app = TollgateServer.Build(overrides, services =>
        {
            if (time is not null)
            {
                services.AddSingleton<TimeProvider>(time);
            }

            if (middleware is not null)
            {
                services.AddSingleton<IStartupFilter>(new MiddlewareFilter(middleware));
            }
        }, mapEndpoints: mapEndpoints);
        await app.InitializeAsync();
        await app.StartAsync();
        return new TestHost(app, data, time);
    }

    /// <summary>Makes the server apply what <see cref="Admin"/> wrote now, as its change feed would within a second.</summary>
    public Task<int> SyncAsync() => _app.ApplyStoreChangesAsync();

    public HttpClient Client(string cloud = "mainline") =>
        _clients.GetOrAdd(cloud, name => new HttpClient { BaseAddress = new Uri(Issuers[name] + "/") });

    /// <summary>A customer (optionally of an MSP) with one credential.</summary>
    public async Task<TestCredential> CreateCustomerCredentialAsync(
        string cloud = "mainline",
        ScopeSet scopes = ScopeSet.All,
        string[]? allow = null,
        string? mspId = null)
    {
        var customer = await Admin.CreateCustomerAsync(CloudName.Parse(cloud), "Customer " + Guid.NewGuid().ToString("N")[..6], mspId);
        var created = await Admin.CreateCredentialAsync(OwnerKind.Customer, customer.Id, "test", scopes, allow ?? []);
        await SyncAsync();
        return new TestCredential(created.Credential.ClientId, created.SecretKey!, customer.Id, cloud);
    }

    /// <summary>
    /// A credential that authenticates with <paramref name="key"/> (private_key_jwt) and has no secret; an MSP's when
    /// <paramref name="msp"/>. Its <see cref="TestCredential.Secret"/> is empty.
    /// </summary>
    public async Task<TestCredential> CreateKeyCredentialAsync(TestKey key, bool msp = false, bool requireDpop = false, string cloud = "mainline", string? kid = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var keys = Core.Keys.ClientKeySet.TryParse(key.PublicJwk(kid).ToJsonString(), out var error) ?? throw new InvalidOperationException(error);
        var ownerId = msp
            ? (await Admin.CreateMspAsync(CloudName.Parse(cloud), "MSP " + Guid.NewGuid().ToString("N")[..6])).Id
            : (await Admin.CreateCustomerAsync(CloudName.Parse(cloud), "Customer " + Guid.NewGuid().ToString("N")[..6], null)).Id;
        var created = await Admin.CreateCredentialAsync(new CredentialSpec(msp ? OwnerKind.Msp : OwnerKind.Customer, ownerId, "keyed", ScopeSet.All, [], Keys: keys, RequireDpop: requireDpop));
        await SyncAsync();
        return new TestCredential(created.Credential.ClientId, string.Empty, ownerId, cloud);
    }

    /// <summary>POSTs a token request with a form of the test's own making (and a DPoP proof when given).</summary>
    public Task<HttpResponseMessage> PostTokenFormAsync(IEnumerable<KeyValuePair<string, string>> form, string? dpop = null, string path = "token", string cloud = "mainline")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (dpop is not null)
        {
            request.Headers.TryAddWithoutValidation("DPoP", dpop);
        }

        return Client(cloud).SendAsync(request);
    }

    public async Task<TestCredential> CreateMspCredentialAsync(string cloud = "mainline")
    {
        var msp = await Admin.CreateMspAsync(CloudName.Parse(cloud), "MSP " + Guid.NewGuid().ToString("N")[..6]);
        var created = await Admin.CreateCredentialAsync(OwnerKind.Msp, msp.Id, "test", ScopeSet.All, []);
        await SyncAsync();
        return new TestCredential(created.Credential.ClientId, created.SecretKey!, msp.Id, cloud);
    }

    /// <summary>A credential with an administrator role: of the cloud itself, of <paramref name="mspId"/> (msp-admin) or of <paramref name="customerId"/> (customer-admin).</summary>
    public async Task<TestCredential> CreateAdminCredentialAsync(AdminRole role, string? mspId = null, string cloud = "mainline", string? customerId = null)
    {
        var owner = AdminRoles.OwnerOf(role);
        var ownerId = owner switch { OwnerKind.Cloud => cloud, OwnerKind.Msp => mspId!, _ => customerId! };
        var created = await Admin.CreateCredentialAsync(new CredentialSpec(owner, ownerId, "admin", ScopeSet.All, [], role));
        await SyncAsync();
        return new TestCredential(created.Credential.ClientId, created.SecretKey!, created.Credential.OwnerId, cloud);
    }

    /// <summary>A console administrator, created as `tollgate admins create` would: the account and its one-time password.</summary>
    public async Task<AdministratorInvitation> CreateAdministratorAsync(string email, AdminRole role, string? mspId = null, string? customerId = null, string cloud = "mainline")
    {
        using var scope = Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<AdministratorService>()
            .CreateAsync(CloudName.Parse(cloud), email, role, mspId, customerId, new Actor("cli:test"));
        return created.Succeeded ? created.Value : throw new InvalidOperationException(created.Error.Message);
    }

    /// <summary>An MSP with a credential and <paramref name="customers"/> customers it manages.</summary>
    public async Task<(TestCredential Msp, string[] Customers)> CreateMspWithCustomersAsync(int customers, string cloud = "mainline")
    {
        var msp = await CreateMspCredentialAsync(cloud);
        var ids = new string[customers];
        for (var i = 0; i < customers; i++)
        {
            ids[i] = (await Admin.CreateCustomerAsync(CloudName.Parse(cloud), $"Customer {i}", msp.OwnerId)).Id;
        }

        await SyncAsync();
        return (msp, ids);
    }

    /// <summary>An MSP token, then a customer token through <c>/msp/v2/customers/{id}/token</c>.</summary>
    public async Task<string> GetCustomerTokenAsync(TestCredential msp, string customerId, string cloud = "mainline")
    {
        var mspToken = await GetTokenAsync(msp, path: "msp/auth/v1/token");
        using var response = await PostFormAsync($"msp/v2/customers/{customerId}/token", "grant_type=client_credentials", bearer: mspToken, cloud: cloud);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"Customer token request failed: {(int)response.StatusCode} {body}");
    }

    /// <summary>POSTs a form with a bearer token, Basic credentials, or neither.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, string form, string? bearer = null, TestCredential? basic = null, string cloud = "mainline")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        else if (basic is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic.RawBasic);
        }

        return Client(cloud).SendAsync(request);
    }

    /// <summary>POSTs a client-credentials request with raw HTTP Basic, as Druva's documentation does.</summary>
    public Task<HttpResponseMessage> RequestTokenAsync(TestCredential credential, string? scope = null, string path = "token", string? cloud = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(scope is null
                ? [new("grant_type", "client_credentials")]
                : [new("grant_type", "client_credentials"), new("scope", scope)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.RawBasic);
        return Client(cloud ?? credential.Cloud).SendAsync(request);
    }

    public async Task<string> GetTokenAsync(TestCredential credential, string? scope = null, string path = "token")
    {
        using var response = await RequestTokenAsync(credential, scope, path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request failed: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, string? token, string cloud = "mainline", string? json = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return Client(cloud).SendAsync(request);
    }

    public Task<IReadOnlyList<ChangeRecord>> ChangesAsync() => Store.Changes.ReadAfterAsync(0, int.MaxValue, CancellationToken.None);

    /// <summary>Puts test middleware in front of the server's own pipeline (to count or disturb requests).</summary>
    private sealed class MiddlewareFilter(Action<IApplicationBuilder> middleware) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            middleware(app);
            next(app);
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
