using System.Text;
using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Interop.Tests;

/// <summary>The documented curl walk-through, run with the real curl.</summary>
public sealed class CurlTests
{
    [Fact]
    public async Task DocumentedCurlFlow_GetsTokenThenCallsApi()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        // Step 1 of the documentation: base64 of "ClientID:SecretKey", raw.
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.ClientId}:{credential.Secret}"));

        // Step 2, verbatim but for the host.
        var token = await ExternalProcess.RunAsync("curl", ["-s", "-X", "POST", "-H", $"authorization: Basic {basic}", "-d", "grant_type=client_credentials&scope=read", $"{host.Mainline}/token"]);
        Assert.Equal(0, token.ExitCode);
        var body = JsonDocument.Parse(token.Stdout).RootElement;
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());

        // Step 3.
        var api = await ExternalProcess.RunAsync("curl", ["-s", "-w", "\n%{http_code}", "-X", "GET", "-H", $"Authorization: Bearer {body.GetProperty("access_token").GetString()}", $"{host.Mainline}/insync/usermanagement/v1/users"]);
        var lines = api.Stdout.Split('\n');
        Assert.Equal("200", lines[^1]);
        Assert.Equal(0, JsonDocument.Parse(lines[0]).RootElement.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task CurlWithUserFlag_UsesBasicAndWorks()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();

        // curl -u sends base64(id:secret) raw, like the documentation.
        var token = await ExternalProcess.RunAsync("curl", ["-s", "-u", $"{credential.ClientId}:{credential.Secret}", "-d", "grant_type=client_credentials", $"{host.Mainline}/token"]);

        Assert.True(JsonDocument.Parse(token.Stdout).RootElement.TryGetProperty("access_token", out _), token.Stdout);
    }

    [Fact]
    public async Task CurlOnAnotherCloud_GetsExplicitDeny()
    {
        await using var host = await TestHost.StartAsync();
        var token = await host.GetTokenAsync(await host.CreateCustomerCredentialAsync());

        var api = await ExternalProcess.RunAsync("curl", ["-s", "-H", $"Authorization: Bearer {token}", $"{host.Issuers["govcloud"]}/insync/usermanagement/v1/users"]);

        Assert.Equal("User is not authorized to access this resource with an explicit deny", JsonDocument.Parse(api.Stdout).RootElement.GetProperty("message").GetString());
    }
}
