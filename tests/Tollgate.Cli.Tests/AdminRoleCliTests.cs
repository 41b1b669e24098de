using System.Net;
using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary><c>tollgate credentials create --role</c>: a credential for the admin API, made from the shell.</summary>
public sealed class AdminRoleCliTests
{
    [Fact]
    public async Task CloudAdminCredential_FromTheCli_ListsCredentialsThroughTheAdminApi()
    {
        await using var host = await TestHost.StartAsync();
        var ordinary = await host.CreateCustomerCredentialAsync();

        var created = await Cli.JsonAsync(host.DataDirectory, "credentials", "create", "--role", "cloud-admin", "--cloud", "mainline", "--name", "automation", "--json", "--data", host.DataDirectory);
        Assert.Equal("cloud", created.GetProperty("ownerKind").GetString());
        Assert.Equal("mainline", created.GetProperty("ownerId").GetString());
        Assert.Equal("cloud-admin", created.GetProperty("role").GetString());
        await host.SyncAsync();

        var admin = new TestCredential(created.GetProperty("clientId").GetString()!, created.GetProperty("secretKey").GetString()!, "mainline", "mainline");
        using var listed = await host.CallAsync(HttpMethod.Get, "admin/v1/credentials", await host.GetTokenAsync(admin));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var ids = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetProperty("credentials").EnumerateArray()
            .Select(c => c.GetProperty("clientId").GetString()).ToList();
        Assert.Contains(ordinary.ClientId, ids);
        Assert.Contains(admin.ClientId, ids);
    }

    [Fact]
    public async Task CredentialsUpdate_LimitsScopeAndNetworks_TheRunningServerFollows()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();

        var updated = await Cli.JsonAsync(host.DataDirectory, "credentials", "update", credential.ClientId, "--scope", "read", "--allow", "10.0.0.0/8", "--json", "--data", host.DataDirectory);
        Assert.Equal(["read"], updated.GetProperty("scopes").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["10.0.0.0/8"], updated.GetProperty("allow").EnumerateArray().Select(x => x.GetString()));
        await host.SyncAsync();
        using (var outside = await host.RequestTokenAsync(credential))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, outside.StatusCode); // 127.0.0.1 is not in 10.0.0.0/8
        }

        Assert.Equal(0, (await Cli.RunAsync(host.DataDirectory, "credentials", "update", credential.ClientId, "--allow-any", "--data", host.DataDirectory)).ExitCode);
        await host.SyncAsync();
        using var token = await host.RequestTokenAsync(credential);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("read", JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("scope").GetString());

        var nothing = await Cli.RunAsync(host.DataDirectory, "credentials", "update", credential.ClientId, "--data", host.DataDirectory);
        Assert.Equal(2, nothing.ExitCode);
    }

    [Theory]
    [InlineData("--role", "root", "--cloud", "mainline")]
    [InlineData("--role", "cloud-admin", "--customer", "6f9619ff-8b86-d011-b42d-00cf4fc964ff")]
    [InlineData("--role", "cloud-admin", "--cloud", "moon")]
    [InlineData("--customer", "6f9619ff-8b86-d011-b42d-00cf4fc964ff", "--cloud", "mainline")]
    public async Task BadRoleUsage_IsExit2_WithAMessage(params string[] flags)
    {
        var data = Directory.CreateTempSubdirectory("tollgate-role-").FullName;
        Assert.Equal(0, (await Cli.RunAsync(data, "db", "migrate", "--data", data)).ExitCode);

        var result = await Cli.RunAsync(data, ["credentials", "create", "--name", "n", "--data", data, .. flags]);

        Assert.Equal(2, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Stderr));
    }
}
