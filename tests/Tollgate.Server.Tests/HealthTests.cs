using System.Net;
using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>/health/live and /health/ready as a load balancer probes them, with the store taken away and given back.</summary>
[Collection(Serial.Timing)]
public sealed class HealthTests : IAsyncLifetime
{
    private PostgresCluster _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PostgresCluster.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ProbeAsync(TestHost host, string path)
    {
        using var response = await host.Client().GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Ready_TurnsUnhealthyWhileThePostgresStoreIsAway_AndHealthyAfter_LiveStaysUp()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:Store:Kind"] = "Postgres", ["Tollgate:Store:Connection"] = await _postgres.CreateDatabaseAsync() });
        await Wait.UntilAsync(async () => (await ProbeAsync(host, "/health/ready")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(5));
        var (status, body) = await ProbeAsync(host, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(["change-feed", "signing-keys", "store"], body.GetProperty("checks").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var outage = _postgres.CrashAndRestartAsync(TimeSpan.FromSeconds(3));
        await Wait.UntilAsync(async () => (await ProbeAsync(host, "/health/ready")).Status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100));
        (status, body) = await ProbeAsync(host, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("store").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(host, "/health/live")).Status);

        await outage;
        await Wait.UntilAsync(async () => (await ProbeAsync(host, "/health/ready")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(host, "/health/ready")).Status);
    }

    [Fact]
    public async Task Ready_OnSqlite_IsHealthy_AndNamesNoInternals()
    {
        await using var host = await TestHost.StartAsync();
        await Wait.UntilAsync(async () => (await ProbeAsync(host, "/health/ready")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(5));
        using var response = await host.Client().GetAsync("/health/ready");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(host, "/health/live")).Status);
    }
}
