using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Server.Protection;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// The brute-force guard on client authentication, over real HTTP from several loopback addresses: an attacker is
/// throttled (429 + Retry-After, doubling), its target's owner is not, and memory stays bounded.
/// </summary>
public sealed class GuardTests
{
    private static Dictionary<string, string?> Guard(int clientThreshold = 3, int sourceThreshold = 1000, int maxEntries = 100_000, string tarpit = "00:00:00") => new()
    {
        ["Tollgate:Guard:Enabled"] = "true",
        ["Tollgate:Guard:Tarpit"] = tarpit,
        ["Tollgate:Guard:ClientThreshold"] = clientThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Tollgate:Guard:SourceThreshold"] = sourceThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Tollgate:Guard:MaxEntries"] = maxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<HttpResponseMessage> TokenAsync(HttpClient client, string clientId, string secret, string path = "token")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("token", "x")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task AnAttackerHammeringAClientId_IsThrottled_TheOwnerFromItsOwnAddressIsNot()
    {
        await using var host = await TestHost.StartAsync(settings: Guard(clientThreshold: 3));
        var victim = await host.CreateCustomerCredentialAsync();
        using var attacker = SourceAddress.Client(host.Mainline, "127.0.0.2");
        using var owner = SourceAddress.Client(host.Mainline, "127.0.0.1");

        var statuses = new List<HttpStatusCode>();
        var waits = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            using var guess = await TokenAsync(attacker, victim.ClientId, "guess-" + i);
            statuses.Add(guess.StatusCode);
            if (guess.StatusCode == HttpStatusCode.TooManyRequests)
            {
                waits.Add(int.Parse(guess.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
                var body = JsonDocument.Parse(await guess.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal("slow_down", body.GetProperty("error").GetString());
            }

            // The owner, meanwhile, from its own address: a token every time.
            using var legit = await TokenAsync(owner, victim.ClientId, victim.Secret);
            Assert.Equal(HttpStatusCode.OK, legit.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // Throttled means not even checked: the right secret from the attacker's address is refused too.
        using var right = await TokenAsync(attacker, victim.ClientId, victim.Secret);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(waits.Count >= 1 && waits[0] >= 1, string.Join(",", waits));
        await Wait.UntilAsync(async () => (await host.Admin.AuditAsync()).Any(e => e.Action == "client_auth.failed" && e.Detail == "throttled" && e.SourceIp == "127.0.0.2"), TimeSpan.FromSeconds(10));
        Assert.Contains(await host.Admin.AuditAsync(), e => e.Action == "client_auth.failed" && e.Detail == "throttled" && e.SourceIp == "127.0.0.2");
    }

    [Fact]
    public async Task AThrottledAnswer_IsHeldBackByTheTarpit_WhileTheOwnersTokensAreNot()
    {
        await using var host = await TestHost.StartAsync(settings: Guard(clientThreshold: 1, tarpit: "00:00:00.600"));
        var victim = await host.CreateCustomerCredentialAsync();
        using var attacker = SourceAddress.Client(host.Mainline, "127.0.0.4");
        using var owner = SourceAddress.Client(host.Mainline, "127.0.0.1");
        using (var first = await TokenAsync(attacker, victim.ClientId, "guess"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        }

        var held = System.Diagnostics.Stopwatch.StartNew();
        var throttled = TokenAsync(attacker, victim.ClientId, "guess again");
        var legit = System.Diagnostics.Stopwatch.StartNew();
        using (var token = await TokenAsync(owner, victim.ClientId, victim.Secret))
        {
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        }

        legit.Stop();
        using var refused = await throttled;
        held.Stop();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(held.Elapsed >= TimeSpan.FromMilliseconds(550), $"the 429 came after {held.ElapsedMilliseconds} ms");
        Assert.True(legit.Elapsed < TimeSpan.FromMilliseconds(500), $"the owner's token took {legit.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task EachFurtherFailure_DoublesTheWait_AndTheWaitEnds()
    {
        await using var host = await TestHost.StartAsync(fakeTime: true, settings: Guard(clientThreshold: 2));
        var victim = await host.CreateCustomerCredentialAsync();
        using var attacker = SourceAddress.Client(host.Mainline, "127.0.0.3");
        var waits = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            // A throttled guess is not counted; the wait is sat out on the host's clock and the guessing goes on.
            using var guess = await TokenAsync(attacker, victim.ClientId, "guess-" + i);
            if (guess.Headers.RetryAfter?.Delta is { } wait)
            {
                waits.Add(wait.TotalSeconds);
                host.Time!.Advance(wait);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
            }
        }

        // 1 s, 2 s, 4 s, …: never shorter than the one before, and growing.
        Assert.True(waits.Count >= 3, string.Join(",", waits));
        Assert.True(waits.Zip(waits.Skip(1)).All(p => p.Second >= p.First), string.Join(",", waits));
        Assert.True(waits[^1] >= 4 * waits[0], string.Join(",", waits));

        // Once the wait is over, the right secret from that address works again.
        using (var early = await TokenAsync(attacker, victim.ClientId, victim.Secret))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
            host.Time!.Advance(early.Headers.RetryAfter!.Delta!.Value);
        }

        using var right = await TokenAsync(attacker, victim.ClientId, victim.Secret);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("msp/auth/v1/token")]
    [InlineData("introspect")]
    [InlineData("revoke")]
    public async Task ManyClientIdsFromOneAddress_ThrottleThatAddress_OnEveryEndpointThatAuthenticatesAClient(string path)
    {
        await using var host = await TestHost.StartAsync(settings: Guard(clientThreshold: 1000, sourceThreshold: 10));
        var customer = await host.CreateCustomerCredentialAsync();
        using var scanner = SourceAddress.Client(host.Mainline, "127.0.0.4");
        for (var i = 0; i < 10; i++)
        {
            using var miss = await TokenAsync(scanner, Guid.NewGuid().ToString("N"), "x", path);
            Assert.Equal(HttpStatusCode.Unauthorized, miss.StatusCode);
        }

        using var throttled = await TokenAsync(scanner, Guid.NewGuid().ToString("N"), "x", path);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("no-store", throttled.Headers.CacheControl?.ToString());

        // Another address is not concerned.
        using var other = SourceAddress.Client(host.Mainline, "127.0.0.1");
        using var fine = await TokenAsync(other, customer.ClientId, customer.Secret);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task AFloodOfRandomClientIds_CannotGrowTheGuardsMemory()
    {
        await using var host = await TestHost.StartAsync(settings: Guard(clientThreshold: 1000, sourceThreshold: 100_000, maxEntries: 64));
        var guard = host.Services.GetRequiredService<ClientAuthGuard>();
        using var flood = SourceAddress.Client(host.Mainline, "127.0.0.5");
        for (var i = 0; i < 400; i++)
        {
            using var miss = await TokenAsync(flood, Guid.NewGuid().ToString("N"), "x");
            Assert.Equal(HttpStatusCode.Unauthorized, miss.StatusCode);
            // Two generations of at most half the bound each, per kind (pairs and addresses).
            Assert.True(guard.Count <= 64 + 2, $"{guard.Count} counters after {i + 1} ids");
        }
    }

    [Fact]
    public async Task ConsoleSignIn_ManyFailuresFromOneAddress_Answer429BeforeAnyPasswordIsChecked()
    {
        await using var host = await TestHost.StartAsync(settings: Guard(sourceThreshold: 3));
        var admin = await host.CreateAdministratorAsync("ops@example.com", Core.Credentials.AdminRole.CloudAdmin);
        var console = new Uri(host.Mainline);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await TestConsole.SignInAsync(console, $"nobody{i}@example.com", "Wrong-passw0rd!"));
        }

        // The right password from that address now waits too; the account itself is not locked (its count is untouched).
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestConsole.SignInAsync(console, "ops@example.com", admin.OneTimePassword));
        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await host.Services.GetRequiredService<Core.Stores.IAdministratorStore>().FindAsync(admin.Account.Id, CancellationToken.None))!.AccessFailedCount);
    }
}
