using Tollgate.Testing;

namespace Tollgate.Server.Tests;

public sealed class ActivityTrailTests
{
    [Fact]
    public async Task CustomerTokensAndTheirCalls_AreRecordedWithTheMspAsActor()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:FlushInterval"] = "00:00:00.200" });
        var (msp, customers) = await host.CreateMspWithCustomersAsync(2);
        var tokenA = await host.GetCustomerTokenAsync(msp, customers[0]);
        var tokenB = await host.GetCustomerTokenAsync(msp, customers[1]);
        var mspToken = await host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        (await host.PostFormAsync($"msp/v2/customers/{Guid.NewGuid()}/token", "grant_type=client_credentials", bearer: mspToken)).Dispose();
        var calls = Enumerable.Range(0, 20).Select(i => host.CallAsync(HttpMethod.Get, i % 2 == 0 ? "insync/usermanagement/v1/users" : "insync/usermanagement/v1/users/999999", i < 15 ? tokenA : tokenB));
        foreach (var response in await Task.WhenAll(calls))
        {
            response.Dispose();
        }

        // A customer's own token (no MSP involved) leaves no MSP activity.
        (await host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", await host.GetTokenAsync(await host.CreateCustomerCredentialAsync()))).Dispose();

        List<Core.Stores.AuditEvent> rows = [];
        await Wait.UntilAsync(async () =>
        {
            rows = [.. (await host.Admin.AuditAsync()).Where(e => e.MspId == msp.OwnerId && (e.Action == "api.call" || e.Action == "customer_token.mint"))];
            return rows.Count >= 23; // 3 mints (one refused) and 20 calls
        }, TimeSpan.FromSeconds(5));

        var mints = rows.Where(r => r.Action == "customer_token.mint").ToList();
        Assert.Equal(3, mints.Count);
        Assert.Equal([200, 200, 404], mints.Select(m => m.Status!.Value).Order());
        Assert.All(rows, r =>
        {
            Assert.Equal("client:" + msp.ClientId, r.Actor);
            Assert.Equal("127.0.0.1", r.SourceIp);
            Assert.Equal("mainline", r.Cloud);
        });
        var apiCalls = rows.Where(r => r.Action == "api.call").ToList();
        Assert.Equal(20, apiCalls.Count);
        Assert.Equal(15, apiCalls.Count(r => r.CustomerId == customers[0]));
        Assert.Equal(5, apiCalls.Count(r => r.CustomerId == customers[1]));
        Assert.Equal(10, apiCalls.Count(r => r.EntityId == "GET /insync/usermanagement/v1/users" && r.Status == 200));
        Assert.Equal(10, apiCalls.Count(r => r.EntityId == "GET /insync/usermanagement/v1/users/{userID:long}" && r.Status == 404));
        Assert.DoesNotContain(await host.Admin.AuditAsync(), e => e.Action == "api.call" && e.MspId == null);
    }
}
