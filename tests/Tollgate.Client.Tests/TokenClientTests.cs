using System.Text;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Core.Credentials;
using Tollgate.Testing;

namespace Tollgate.Client.Tests;

/// <summary>The SDK against a real Tollgate server on loopback; requests counted on the server side.</summary>
public sealed class TokenClientTests
{
    [Fact]
    public async Task FiveHundredConcurrentCallers_OnAColdCache_CauseExactlyOneTokenRequest()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();
        var tokens = new TollgateTokenClient(http, Options(server, credential));

        var all = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(async () => await tokens.GetTokenAsync())));

        Assert.Equal(1, server.Count("/token"));
        Assert.Single(all.Select(t => t.Value).Distinct());
        Assert.Equal("read write", all[0].Scope);
    }

    [Fact]
    public async Task CachedToken_IsReused_ThenRefreshedAheadOfExpiry_InTheBackground()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new TollgateTokenClient(http, Options(server, credential), clock);

        var first = await tokens.GetTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(20)); // 1800 s token: usable until 29 min, refreshed from 24 min
        Assert.Same(first, await tokens.GetTokenAsync());
        Assert.Equal(1, server.Count("/token"));

        clock.Advance(TimeSpan.FromMinutes(5)); // inside the refresh-ahead window
        var stillFirst = await tokens.GetTokenAsync(); // answered at once from the cache…
        Assert.Same(first, stillFirst);
        await Wait.UntilAsync(async () => (await tokens.GetTokenAsync()).Value != first.Value, TimeSpan.FromSeconds(5)); // …while a refresh runs
        Assert.Equal(2, server.Count("/token"));
        Assert.True((await tokens.GetTokenAsync()).ExpiresAt > first.ExpiresAt);
    }

    [Fact]
    public async Task ExpiredCachedToken_IsNeverHandedOut()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new TollgateTokenClient(http, Options(server, credential), clock);
        var first = await tokens.GetTokenAsync();

        clock.Advance(TimeSpan.FromMinutes(29.5)); // within the 60 s expiry buffer

        var second = await tokens.GetTokenAsync();
        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(2, server.Count("/token"));
    }

    [Fact]
    public async Task ScopesAndCustomers_NeverShareTokens()
    {
        await using var server = await CountingHost.StartAsync();
        var (msp, customers) = await server.Host.CreateMspWithCustomersAsync(2);
        using var http = new HttpClient();
        var tokens = new TollgateTokenClient(http, Options(server, msp, CredentialKind.Msp));

        var read = await tokens.ForScope("read").GetTokenAsync();
        var write = await tokens.ForScope("write").GetTokenAsync();
        var a = await tokens.ForCustomer(customers[0]).GetTokenAsync();
        var b = await tokens.ForCustomer(customers[1]).GetTokenAsync();
        var aAgain = await tokens.ForCustomer(customers[0]).GetTokenAsync();

        Assert.Equal("read", new JsonWebToken(read.Value).GetPayloadValue<string>("scope"));
        Assert.Equal("write", new JsonWebToken(write.Value).GetPayloadValue<string>("scope"));
        Assert.Equal(customers[0], new JsonWebToken(a.Value).GetPayloadValue<string>("customerId"));
        Assert.Equal(customers[1], new JsonWebToken(b.Value).GetPayloadValue<string>("customerId"));
        Assert.Same(a, aAgain);
        Assert.Equal(2, server.Count($"/msp/v2/customers/{customers[0]}/token") + server.Count($"/msp/v2/customers/{customers[1]}/token"));
        Assert.Equal(3, server.Count("/msp/auth/v1/token")); // read, write, and the default one that mints customer tokens
    }

    [Fact]
    public async Task TooManyRequests_WithRetryAfter_IsHonoured()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();
        var tokens = new TollgateTokenClient(http, Options(server, credential));
        server.Throttle(1);
        var watch = Stopwatch.StartNew();

        var token = await tokens.GetTokenAsync();

        Assert.False(string.IsNullOrEmpty(token.Value));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(1, server.Count("/token 429"));
        Assert.Equal(1, server.Count("/token"));
    }

    [Fact]
    public async Task Failures_AreTyped_AndNeverCached()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync(scopes: ScopeSet.Read);
        using var http = new HttpClient();
        var wrong = new TollgateTokenClient(http, Options(server, credential with { Secret = "wrong" }));
        var tokens = new TollgateTokenClient(http, Options(server, credential));

        var first = await Assert.ThrowsAsync<TollgateTokenException>(async () => await wrong.GetTokenAsync());
        var second = await Assert.ThrowsAsync<TollgateTokenException>(async () => await wrong.GetTokenAsync());
        var scope = await Assert.ThrowsAsync<TollgateTokenException>(async () => await tokens.ForScope("write").GetTokenAsync());

        Assert.Equal("invalid_client", first.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal("invalid_client", second.Error);
        Assert.Equal("invalid_scope", scope.Error);
        Assert.Equal(3, server.Count("/token"));
        Assert.DoesNotContain(credential.Secret, first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_StopAfterMaxRetries_AndARetryAfterBeyondTheCapIsCut()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();
        var options = Options(server, credential);
        options.MaxRetries = 2;
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);

        // An hour's Retry-After is cut to the 200 ms cap, and after 2 retries the 429 is the answer.
        server.RetryAfterSeconds = 3600;
        server.Throttle(10);
        var watch = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<TollgateTokenException>(async () => await new TollgateTokenClient(http, options).GetTokenAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(3, server.Count("/token 429"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"gave up after {watch.Elapsed.TotalMilliseconds:0} ms");

        // With retries off, the first 429 is the answer.
        options.MaxRetries = 0;
        await Assert.ThrowsAsync<TollgateTokenException>(async () => await new TollgateTokenClient(http, options).GetTokenAsync());
        Assert.Equal(4, server.Count("/token 429"));
    }

    [Fact]
    public async Task DistributedCache_LetsTwoWorkersShareOneToken()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();
        // Wrapped: HybridCache treats a bare MemoryDistributedCache as no second level at all (it is in-process anyway),
        // and here it stands for a cache the two workers share.
        IDistributedCache shared = new RecordingCache(new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions())));
        var options = Options(server, credential);
        options.UseDistributedCache = true;

        var one = await new TollgateTokenClient(http, options, distributedCache: shared).GetTokenAsync();
        var two = await new TollgateTokenClient(http, options, distributedCache: shared).GetTokenAsync();

        Assert.Equal(one.Value, two.Value);
        Assert.Equal(1, server.Count("/token"));
    }

    [Fact]
    public async Task DistributedCache_HoldsTokensSealed_ThatOnlyTheSameSecretOpens()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();
        var store = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));
        var recording = new RecordingCache(store);
        var options = Options(server, credential);
        options.UseDistributedCache = true;

        var token = await new TollgateTokenClient(http, options, distributedCache: recording).GetTokenAsync();

        // What left the process: no token, no part of it, no JSON.
        var (key, written) = Assert.Single(recording.Written);
        Assert.DoesNotContain(token.Value[..20], Encoding.Latin1.GetString(written), StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", Encoding.Latin1.GetString(written), StringComparison.Ordinal);

        // A worker whose secret is not this credential's (a rotated one, a thief with cache access and a guess)
        // cannot open it: it asks the server, and gets refused there.
        var stranger = Options(server, credential with { Secret = "not-the-secret" });
        stranger.UseDistributedCache = true;
        await Assert.ThrowsAsync<TollgateTokenException>(async () => await new TollgateTokenClient(http, stranger, distributedCache: recording).GetTokenAsync());

        // A tampered entry does not open either: the worker fetches a fresh token instead of using it.
        written[^1] ^= 1;
        await store.SetAsync(key, written, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        var fresh = await new TollgateTokenClient(http, options, distributedCache: recording).GetTokenAsync();
        Assert.NotEqual(token.Value, fresh.Value);
        Assert.Equal(3, server.Count("/token"));
    }

    [Fact]
    public async Task TheApplicationsHybridCache_CarriesTheSharedTokens_Sealed()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        var recording = new RecordingCache(new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions())));
        async Task<HttpStatusCode> WorkerCallsAsync()
        {
            var services = new ServiceCollection();
            services.AddSingleton<IDistributedCache>(recording);
            services.AddHybridCache();
            services.AddHttpClient("api", c => c.BaseAddress = server.BaseAddress)
                .AddTollgateClientCredentials(o =>
                {
                    o.Cloud = TollgateCloud.FromBaseAddress(server.BaseAddress);
                    o.ClientId = credential.ClientId;
                    o.SecretKey = credential.Secret;
                    o.UseDistributedCache = true;
                });
            await using var provider = services.BuildServiceProvider();
            using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("api").GetAsync("insync/usermanagement/v1/users");
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await WorkerCallsAsync());
        Assert.Equal(HttpStatusCode.OK, await WorkerCallsAsync());

        Assert.Equal(1, server.Count("/token"));
        var (_, written) = Assert.Single(recording.Written);
        Assert.DoesNotContain("access_token", Encoding.Latin1.GetString(written), StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", Encoding.Latin1.GetString(written), StringComparison.Ordinal); // no JWT in it, whole or in part
    }

    /// <summary>A distributed cache that remembers what was written to it.</summary>
    private sealed class RecordingCache(IDistributedCache inner) : IDistributedCache
    {
        public List<(string Key, byte[] Value)> Written { get; } = [];

        public byte[]? Get(string key) => inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

        public void Refresh(string key) => inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

        public void Remove(string key) => inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            Written.Add((key, value));
            inner.Set(key, value, options);
        }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Written.Add((key, value));
            return inner.SetAsync(key, value, options, token);
        }
    }

    [Theory]
    [InlineData(BasicEncoding.Raw)]
    [InlineData(BasicEncoding.FormUrlEncoded)]
    public async Task BothBasicEncodings_Work(BasicEncoding encoding)
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();
        var options = Options(server, credential);
        options.BasicEncoding = encoding;

        var token = await new TollgateTokenClient(http, options).GetTokenAsync();

        Assert.Equal(credential.ClientId, new JsonWebToken(token.Value).GetPayloadValue<string>("client_id"));
    }

    [Fact]
    public void Options_WithoutCredentials_AreRefused()
    {
        using var http = new HttpClient();

        Assert.Throws<InvalidOperationException>(() => new TollgateTokenClient(http, new TollgateClientOptions()));
        Assert.Throws<InvalidOperationException>(() => new TollgateTokenClient(http, new TollgateClientOptions { ClientId = "a", SecretKey = "b" }).ForCustomer("c"));
    }

    [Theory]
    [InlineData("mainline", "https://apis.druva.com/")]
    [InlineData("govcloud", "https://govcloudapis.druva.com/")]
    [InlineData("govapis", "https://govapis.druva.com/")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    public void CloudPresets_PointAtTheDocumentedHosts(string name, string baseAddress)
    {
        Assert.True(TollgateCloud.TryParse(name, out var cloud));
        Assert.Equal(baseAddress, cloud.BaseAddress.AbsoluteUri);
        Assert.False(TollgateCloud.TryParse("ftp://x", out _));
    }

    internal static TollgateClientOptions Options(CountingHost server, TestCredential credential, CredentialKind kind = CredentialKind.Customer) => new()
    {
        Cloud = TollgateCloud.FromBaseAddress(server.BaseAddress),
        ClientId = credential.ClientId,
        SecretKey = credential.Secret,
        Kind = kind,
    };
}
