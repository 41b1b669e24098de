using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Interop.Tests;

/// <summary>Druva's Python sample (requests-oauthlib, from Debian's python3-requests-oauthlib) against Tollgate.</summary>
public sealed class PythonRequestsOAuthlibTests
{
    // Debian's interpreter, where python3-requests-oauthlib installs; not whatever python3 is first on PATH.
    private const string Python = "/usr/bin/python3";

    [Theory]
    [InlineData("token", false)]
    [InlineData("msp/auth/v1/token", true)]
    public async Task DocumentedGetToken_Works(string path, bool msp)
    {
        await using var host = await TestHost.StartAsync();
        var credential = msp ? await host.CreateMspCredentialAsync() : await host.CreateCustomerCredentialAsync();
        var api = msp ? ".well-known/jwks.json" : "insync/usermanagement/v1/users";

        var (exit, stdout, stderr) = await ExternalProcess.RunAsync(
            Python,
            [Path.Combine(AppContext.BaseDirectory, "clients", "get_token.py"), $"{host.Mainline}/{path}", $"{host.Mainline}/{api}", credential.ClientId, credential.Secret],
            new Dictionary<string, string> { ["OAUTHLIB_INSECURE_TRANSPORT"] = "1" }); // plain http on loopback

        Assert.True(exit == 0, stderr);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("bearer", result.GetProperty("token_type").GetString(), ignoreCase: true);
        Assert.Equal(msp ? 900 : 1800, result.GetProperty("expires_in").GetInt32());
        Assert.Equal(200, result.GetProperty("api_status").GetInt32());
    }
}
