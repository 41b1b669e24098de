using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Interop.Tests;

/// <summary>Node's openid-client (npm), installed by test.sh, discovering Tollgate through RFC 8414.</summary>
public sealed class NodeOpenIdClientTests
{
    // The script runs where test.sh installed its packages: the source folder's node/.
    private static readonly string Folder = FindSourceFolder();

    private static string FindSourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node", "package.json");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Tollgate.Interop.Tests.csproj")))
            {
                return Path.Combine(dir.FullName, "node");
            }
        }

        throw new DirectoryNotFoundException("tests/Tollgate.Interop.Tests/node not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("post")]
    public async Task OpenIdClient_DiscoversAndRunsClientCredentials_ThenCallsTheApi(string method)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "openid-client")), "run test.sh, which installs openid-client with npm");
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();

        var (exit, stdout, stderr) = await ExternalProcess.RunAsync(
            "node",
            [Path.Combine(Folder, "client-credentials.mjs"), host.Mainline, credential.ClientId, credential.Secret, method, "/insync/usermanagement/v1/users"]);

        Assert.True(exit == 0, stderr);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(host.Mainline, result.GetProperty("issuer").GetString());
        Assert.Equal("bearer", result.GetProperty("token_type").GetString());
        Assert.Equal(1800, result.GetProperty("expires_in").GetInt32());
        Assert.Equal("read", result.GetProperty("scope").GetString());
        Assert.Equal(200, result.GetProperty("api_status").GetInt32());
        Assert.Equal(0, result.GetProperty("api_body").GetProperty("totalSize").GetInt32());
    }

    /// <summary>
    /// No shared secret: openid-client authenticates with private_key_jwt and binds its token with DPoP, its own
    /// proofs and (when the server requires them) its own nonce handling; the bound token is refused as a bearer token.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenIdClient_PrivateKeyJwt_AndDpop_EndToEnd(bool nonces)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "openid-client")), "run test.sh, which installs openid-client with npm");
        await using var host = await TestHost.StartAsync(settings: nonces ? new() { ["Tollgate:Dpop:RequireNonce"] = "true" } : null);
        using var key = TestKey.Ec();
        var credential = await host.CreateKeyCredentialAsync(key, requireDpop: true);
        var keyFile = Path.Combine(host.DataDirectory, "client-key.pem");
        await File.WriteAllTextAsync(keyFile, key.PrivatePem());

        var (exit, stdout, stderr) = await ExternalProcess.RunAsync(
            "node",
            [Path.Combine(Folder, "key-and-dpop.mjs"), host.Mainline, credential.ClientId, keyFile, "/insync/usermanagement/v1/users"]);

        Assert.True(exit == 0, stderr);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Contains("private_key_jwt", result.GetProperty("auth_methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("ES256", result.GetProperty("dpop_algs").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("dpop", result.GetProperty("token_type").GetString());
        Assert.Equal(result.GetProperty("jkt").GetString(), result.GetProperty("cnf_jkt").GetString());
        Assert.Equal(credential.ClientId, result.GetProperty("client_id").GetString());
        Assert.Equal(200, result.GetProperty("api_status").GetInt32());
        Assert.Equal(0, result.GetProperty("api_body").GetProperty("totalSize").GetInt32());
        Assert.Equal(401, result.GetProperty("bearer_status").GetInt32());
    }
}
