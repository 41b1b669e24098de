using System.Net;
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
}
