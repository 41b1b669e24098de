using System.Net;
using System.Text.Json;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// Per-credential token quotas over real HTTP: the RateLimit fields from half the quota used, 429 + Retry-After past the
/// quota, one credential's quota not another's, the cloud's default, edits applied at once, customer tokens counted
/// against their MSP, and Druva's bare 429 under the compatibility switch.
/// </summary>
public sealed class QuotaTests
{
    private static async Task<TestCredential> WithQuotaAsync(TestHost host, TestCredential credential, string quota)
    {
        await host.Admin.UpdateCredentialAsync(credential.ClientId, new CredentialChanges(Quota: quota));
        await host.SyncAsync();
        return credential;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : string.Empty;

    [Fact]
    public async Task PastItsQuota_ACredentialGets429_WithRetryAfter_AndTheRateLimitFields()
    {
        await using var host = await TestHost.StartAsync();
        var limited = await WithQuotaAsync(host, await host.CreateCustomerCredentialAsync(), "3/m");
        var other = await host.CreateCustomerCredentialAsync();

        // Far from the limit, no fields; from half the quota used, the policy and what is left.
        using (var first = await host.RequestTokenAsync(limited))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(string.Empty, Header(first, "RateLimit-Policy"));
        }

        for (var left = 1; left >= 0; left--)
        {
            using var ok = await host.RequestTokenAsync(limited);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("\"minute\";q=3;w=60", Header(ok, "RateLimit-Policy"));
            Assert.Matches($"^\"minute\";r={left};t=([1-9]|[1-5][0-9]|60)$", Header(ok, "RateLimit"));
        }

        using var refused = await host.RequestTokenAsync(limited);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("slow_down", body.GetProperty("error").GetString());
        Assert.Contains("3/m", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value.TotalSeconds, 1, 60);
        Assert.Equal($"\"minute\";r=0;t={(long)wait.Value.TotalSeconds}", Header(refused, "RateLimit"));
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());

        // Another credential has its own quota (none here): no fields, no refusal.
        using var unlimited = await host.RequestTokenAsync(other);
        Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
        Assert.Equal(string.Empty, Header(unlimited, "RateLimit-Policy"));
    }

    [Fact]
    public async Task EveryRateOfAQuota_MustAllow_AndTheFieldsListThemAll()
    {
        await using var host = await TestHost.StartAsync();
        var limited = await WithQuotaAsync(host, await host.CreateCustomerCredentialAsync(), "5/m, 2/d");

        using var first = await host.RequestTokenAsync(limited);
        Assert.Equal("\"minute\";q=5;w=60, \"day\";q=2;w=86400", Header(first, "RateLimit-Policy"));
        Assert.Matches("^\"minute\";r=4;t=\\d+, \"day\";r=1;t=\\d+$", Header(first, "RateLimit"));
        using var second = await host.RequestTokenAsync(limited);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        // The day's quota is the one used up: the wait is the day's, hours not seconds.
        using var third = await host.RequestTokenAsync(limited);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter!.Delta!.Value > TimeSpan.FromHours(23), third.Headers.RetryAfter.ToString());
        Assert.Contains("2/d", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCloudsDefault_AppliesToCredentialsWithoutAQuota_AndAnEditTakesEffectAtOnce()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:Clouds:mainline:Quota"] = "2/m" });
        var plain = await host.CreateCustomerCredentialAsync();
        var generous = await WithQuotaAsync(host, await host.CreateCustomerCredentialAsync(), "10/m");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.RequestTokenAsync(plain);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        for (var i = 0; i < 5; i++)
        {
            using var response = await host.RequestTokenAsync(generous);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(i < 4 ? string.Empty : "\"minute\";q=10;w=60", Header(response, "RateLimit-Policy"));
        }

        // Raising the used-up credential's quota lets it through at once (a new limit is a new window).
        await WithQuotaAsync(host, plain, "4/m");
        for (var i = 0; i < 2; i++)
        {
            using var raised = await host.RequestTokenAsync(plain);
            Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
            Assert.Equal(i == 0 ? string.Empty : "\"minute\";q=4;w=60", Header(raised, "RateLimit-Policy"));
        }

        // Back to the default ("" drops its own quota).
        await WithQuotaAsync(host, plain, string.Empty);
        using var back = await host.RequestTokenAsync(plain);
        Assert.Equal("\"minute\";q=2;w=60", Header(back, "RateLimit-Policy"));

        // Another cloud has no default.
        var elsewhere = await host.CreateCustomerCredentialAsync("govapis");
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.RequestTokenAsync(elsewhere);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task CustomerTokens_CountAgainstTheMspsQuota_OnBothRoutes()
    {
        await using var host = await TestHost.StartAsync();
        var msp = await host.CreateMspCredentialAsync();
        var customer = await host.Admin.CreateCustomerAsync(Core.Clouds.CloudName.Parse("mainline"), "Managed", msp.OwnerId);
        await WithQuotaAsync(host, msp, "3/m");

        var mspToken = await host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        using var first = await host.PostFormAsync($"msp/v2/customers/{customer.Id}/token", "grant_type=client_credentials", bearer: mspToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Matches("^\"minute\";r=1;", Header(first, "RateLimit"));
        using var exchanged = await host.PostFormAsync(
            "token",
            $"grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={mspToken}&subject_token_type=urn:ietf:params:oauth:token-type:access_token&resource={customer.Id}");
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);

        using var refused = await host.PostFormAsync($"msp/v2/customers/{customer.Id}/token", "grant_type=client_credentials", bearer: mspToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("TooManyRequests", body.GetProperty("code").GetString());
        using var alsoRefused = await host.RequestTokenAsync(msp, path: "msp/auth/v1/token");
        Assert.Equal(HttpStatusCode.TooManyRequests, alsoRefused.StatusCode);
    }

    [Fact]
    public async Task UnderDruvaCompatibility_A429HasNoRetryAfter_AndNoRateLimitFields()
    {
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Tollgate:Compatibility:Druva"] = "true",
            ["Tollgate:Guard:Enabled"] = "true",
            ["Tollgate:Guard:Tarpit"] = "00:00:00",
            ["Tollgate:Guard:ClientThreshold"] = "1",
        });
        var limited = await WithQuotaAsync(host, await host.CreateCustomerCredentialAsync(), "1/m");
        using var ok = await host.RequestTokenAsync(limited);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(string.Empty, Header(ok, "RateLimit-Policy"));

        using var refused = await host.RequestTokenAsync(limited);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Null(refused.Headers.RetryAfter);
        Assert.Equal(string.Empty, Header(refused, "RateLimit"));

        // The guard's 429 likewise.
        var victim = await host.CreateCustomerCredentialAsync();
        using var wrong = await host.RequestTokenAsync(victim with { Secret = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var throttled = await host.RequestTokenAsync(victim with { Secret = "wrong" });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Null(throttled.Headers.RetryAfter);
    }

    [Fact]
    public async Task TheAdminApi_SetsShowsAndClearsAQuota()
    {
        await using var host = await TestHost.StartAsync();
        var admin = await host.CreateAdminCredentialAsync(AdminRole.CloudAdmin);
        var token = await host.GetTokenAsync(admin);
        var customer = await host.Admin.CreateCustomerAsync(Core.Clouds.CloudName.Parse("mainline"), "Quota Co", null);

        using var created = await host.CallAsync(HttpMethod.Post, "admin/v1/credentials", token, json: $$"""{"name":"worker","ownerKind":"customer","ownerId":"{{customer.Id}}","quota":"2/m,1000/d"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var clientId = body.GetProperty("credential").GetProperty("clientId").GetString()!;
        Assert.Equal("2/m 1000/d", body.GetProperty("credential").GetProperty("quota").GetString());
        await host.SyncAsync();
        var worker = new TestCredential(clientId, body.GetProperty("secretKey").GetString()!, customer.Id, "mainline");
        using var token1 = await host.RequestTokenAsync(worker);
        Assert.Equal("\"minute\";q=2;w=60, \"day\";q=1000;w=86400", Header(token1, "RateLimit-Policy"));

        using var cleared = await host.CallAsync(HttpMethod.Patch, $"admin/v1/credentials/{Uri.EscapeDataString(clientId)}", token, json: """{"quota":""}""");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await cleared.Content.ReadAsStringAsync()).RootElement.GetProperty("quota").ValueKind);
        await host.SyncAsync();
        using var token2 = await host.RequestTokenAsync(worker);
        Assert.Equal(string.Empty, Header(token2, "RateLimit-Policy"));

        using var bad = await host.CallAsync(HttpMethod.Post, "admin/v1/credentials", token, json: $$"""{"name":"worker","ownerKind":"customer","ownerId":"{{customer.Id}}","quota":"lots"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'lots' is not a rate", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
