using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// The Tollgate meter and ASP.NET Core's, scraped from /metrics the way Prometheus does. Alone: OpenTelemetry
/// listens to meters by name, process-wide, so hosts of other test classes running beside it would mix their
/// counts into its scrape (a server process has one host; a test process has many).
/// </summary>
[Collection(Serial.Timing)]
public sealed partial class MetricsTests
{
    private static double Value(string scrape, string metric, params string[] labels)
    {
        var total = 0.0;
        foreach (Match line in SampleLine().Matches(scrape))
        {
            if (line.Groups["name"].Value == metric && labels.All(l => line.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                total += double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [Fact]
    public async Task Scrape_ShowsTheCountersMoving_WithBoundedLabels()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:Metrics:Prometheus"] = "true", ["Tollgate:Guard:Enabled"] = "true", ["Tollgate:Guard:ClientThreshold"] = "2", ["Tollgate:Guard:Tarpit"] = "00:00:00" });
        var credential = await host.CreateCustomerCredentialAsync();
        var token = await host.GetTokenAsync(credential);
        var wrong = credential with { Secret = "wrong" };
        for (var i = 0; i < 3; i++)
        {
            using var refused = await host.RequestTokenAsync(wrong);
        }

        for (var i = 0; i < 3; i++)
        {
            using var users = await host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", token);
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        }

        using var bad = await host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", token[..^4] + "AAAA");

        // A credential past its quota: one token, then two refusals.
        var limited = await host.CreateCustomerCredentialAsync(cloud: "govapis");
        await host.Admin.UpdateCredentialAsync(limited.ClientId, new Core.Administration.CredentialChanges(Quota: "1/h"));
        await host.SyncAsync();
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.RequestTokenAsync(limited);
        }

        string scrape = string.Empty;
        await Wait.UntilAsync(
            async () =>
            {
                using var response = await host.Client().GetAsync("/metrics");
                scrape = await response.Content.ReadAsStringAsync();
                return Value(scrape, "tollgate_write_behind_flush_duration_seconds_count") > 0;
            },
            TimeSpan.FromSeconds(10));

        Assert.Equal(1, Value(scrape, "tollgate_tokens_issued_total", "cloud=\"mainline\"", "grant=\"client_credentials\"", "kind=\"customer\""));
        Assert.Equal(2, Value(scrape, "tollgate_client_auth_failures_total", "reason=\"wrong_secret\""));
        Assert.Equal(1, Value(scrape, "tollgate_guard_throttled_total"));
        Assert.Equal(2, Value(scrape, "tollgate_quota_rejections_total", "cloud=\"govapis\"", "policy=\"hour\""));
        // Three calls with a good token: the first validates it (a miss), the others usually find it cached (a change
        // applied from the change feed in between may clear the cache: then one more miss).
        Assert.Equal(3, Value(scrape, "tollgate_bearer_validations_total", "result=\"valid\""));
        Assert.True(Value(scrape, "tollgate_bearer_validations_total", "result=\"valid\"", "cache=\"miss\"") >= 1);
        Assert.True(Value(scrape, "tollgate_bearer_validations_total", "result=\"valid\"", "cache=\"hit\"") >= 1);
        Assert.Equal(1, Value(scrape, "tollgate_bearer_validations_total", "result=\"invalid\""));
        Assert.True(Value(scrape, "tollgate_signing_key_age_seconds", "cloud=\"mainline\"") >= 0);
        Assert.Contains("tollgate_change_feed_lag_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("tollgate_write_behind_depth", scrape, StringComparison.Ordinal);
        Assert.True(Value(scrape, "http_server_request_duration_seconds_count") >= 7);

        // No client id, secret or token in any label or value.
        Assert.DoesNotContain(credential.ClientId, scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(token[..20], scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheOption_ThereIsNoScrapeEndpoint()
    {
        await using var host = await TestHost.StartAsync();
        using var response = await host.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AManagementListener_ServesTheScrapeAndTheProbes_Only_AndTheCloudsNoLongerServeTheScrape()
    {
        var management = $"http://127.0.0.1:{FreePort.Next()}";
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:Metrics:Prometheus"] = "true", ["Tollgate:Metrics:Listen"] = management });
        await host.GetTokenAsync(await host.CreateCustomerCredentialAsync());
        using var http = new HttpClient { BaseAddress = new Uri(management) };

        var scrape = string.Empty;
        await Wait.UntilAsync(
            async () =>
            {
                using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
                scrape = await response.Content.ReadAsStringAsync();
                return response.StatusCode == HttpStatusCode.OK && Value(scrape, "tollgate_tokens_issued_total") >= 1;
            },
            TimeSpan.FromSeconds(10));
        Assert.Equal(1, Value(scrape, "tollgate_tokens_issued_total", "cloud=\"mainline\""));

        foreach (var probe in new[] { "/health/live", "/health/ready" })
        {
            using var response = await http.GetAsync(new Uri(probe, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        foreach (var (method, path) in new[] { ("GET", "/.well-known/oauth-authorization-server"), ("POST", "/token"), ("GET", "/console"), ("GET", "/openapi/v1.json"), ("GET", "/insync/usermanagement/v1/users") })
        {
            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var onACloud = await host.Client().GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.NotFound, onACloud.StatusCode);
        }

        using var cloudProbe = await host.Client().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, cloudProbe.StatusCode);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
