using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tollgate.Core.Credentials;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>An API of the host's own behind Tollgate's checks (RequireTollgateToken).</summary>
public sealed class CustomEndpointTests
{
    [Fact]
    public async Task OwnEndpoint_GetsTheSameChecksAsTheBuiltInApis()
    {
        await using var host = await TestHost.StartAsync(mapEndpoints: app =>
            app.MapGet("/reports/v1/usage", (HttpContext context) => Results.Text(context.GetTollgateToken().CustomerId)).RequireTollgateToken(ScopeSet.Read));
        var credential = await host.CreateCustomerCredentialAsync();

        using var ok = await host.CallAsync(HttpMethod.Get, "reports/v1/usage", await host.GetTokenAsync(credential, scope: "read"));
        using var none = await host.CallAsync(HttpMethod.Get, "reports/v1/usage", null);
        using var writeOnly = await host.CallAsync(HttpMethod.Get, "reports/v1/usage", await host.GetTokenAsync(credential, scope: "write"));
        using var otherCloud = await host.CallAsync(HttpMethod.Get, "reports/v1/usage", await host.GetTokenAsync(credential), cloud: "govapis");

        Assert.Equal(credential.OwnerId, await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writeOnly.StatusCode);
        Assert.Contains("insufficient_scope", Assert.Single(writeOnly.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
        Assert.Contains("explicit deny", await otherCloud.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnEndpoint_DeclaresWhoseTokenItTakes_AsTheBuiltInApisDo()
    {
        await using var host = await TestHost.StartAsync(mapEndpoints: app =>
        {
            app.MapGet("/reports/v1/mine", (HttpContext context) => Results.Text(context.GetTollgateToken().CustomerId)).RequireTollgateToken(ScopeSet.Read, TokenHolder.Customer);
            app.MapGet("/reports/v1/managed", (HttpContext context) => Results.Text(context.GetTollgateToken().MspId)).RequireTollgateToken(ScopeSet.Read, TokenHolder.Msp);
        });
        var (msp, customers) = await host.CreateMspWithCustomersAsync(1);
        var mspToken = await host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        var customerToken = await host.GetCustomerTokenAsync(msp, customers[0]);

        using var mspOnCustomers = await host.CallAsync(HttpMethod.Get, "reports/v1/mine", mspToken);
        using var customerOnMsps = await host.CallAsync(HttpMethod.Get, "reports/v1/managed", customerToken);
        using var customerOk = await host.CallAsync(HttpMethod.Get, "reports/v1/mine", customerToken);
        using var mspOk = await host.CallAsync(HttpMethod.Get, "reports/v1/managed", mspToken);

        // Authorization refuses with Druva's body, never with a bearer challenge: the token itself is fine.
        Assert.Equal(HttpStatusCode.Forbidden, mspOnCustomers.StatusCode);
        Assert.Empty(mspOnCustomers.Headers.WwwAuthenticate);
        Assert.Equal("Forbidden", JsonDocument.Parse(await mspOnCustomers.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, customerOnMsps.StatusCode);
        Assert.Equal(customers[0], await customerOk.Content.ReadAsStringAsync());
        Assert.Equal(msp.OwnerId, await mspOk.Content.ReadAsStringAsync());
    }
}
