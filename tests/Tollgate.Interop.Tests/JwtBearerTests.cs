using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tollgate.Core.Clouds;
using Tollgate.Storage;
using Tollgate.Testing;

namespace Tollgate.Interop.Tests;

/// <summary>
/// A separate API protected by Microsoft's JwtBearer, configured with nothing but Tollgate's RFC 8414
/// metadata address: it must accept Tollgate's tokens, refuse other clouds' and forged ones, and follow
/// an emergency key rotation through JWKS.
/// </summary>
public sealed class JwtBearerTests
{
    [Fact]
    public async Task JwtBearer_ValidatesTollgateTokens_ThroughDiscoveryAlone()
    {
        await using var host = await TestHost.StartAsync();
        await using var api = await StartApiAsync(host.Mainline);
        using var client = new HttpClient();
        var credential = await host.CreateCustomerCredentialAsync();
        var token = await host.GetTokenAsync(credential);

        Assert.Equal(HttpStatusCode.OK, await CallAsync(client, api.Url, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(client, api.Url, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(client, api.Url, token[..^4] + "AAAA"));

        // A token of another cloud has another issuer and keys: refused.
        var gov = await host.GetTokenAsync(await host.CreateCustomerCredentialAsync(cloud: "govcloud"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(client, api.Url, gov));

        // Emergency rotation: JwtBearer meets an unknown kid, asks for a JWKS refresh (it refreshes in the
        // background, so the very next calls may still fail) and then accepts tokens of the new key.
        var rotated = await host.Admin.RotateKeysNowAsync(CloudName.Mainline);
        await Wait.UntilAsync(async () => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(await host.GetTokenAsync(credential)).Kid == rotated.Kid, TimeSpan.FromSeconds(2));
        var fresh = await host.GetTokenAsync(credential);
        await Wait.UntilAsync(async () => await CallAsync(client, api.Url, fresh) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(client, api.Url, token));
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "/whoami");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<TestApi> StartApiAsync(string issuer)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MetadataAddress = issuer + "/.well-known/oauth-authorization-server";
            options.RequireHttpsMetadata = false; // loopback
            options.Audience = issuer;
            options.MapInboundClaims = false;
            options.RefreshInterval = TimeSpan.FromSeconds(1);
            options.TokenValidationParameters.ValidTypes = ["at+jwt"];
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (HttpContext context) => context.User.FindFirst("client_id")?.Value).RequireAuthorization();
        await app.StartAsync();
        return new TestApi(app, url);
    }

    private sealed record TestApi(WebApplication App, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
