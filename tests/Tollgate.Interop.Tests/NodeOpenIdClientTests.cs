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
}
