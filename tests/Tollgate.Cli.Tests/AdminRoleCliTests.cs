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

    [Fact]
    public async Task Rate_SetsAQuota_TheRunningServerEnforcesIt_AndRateDefaultDropsIt()
    {
        await using var host = await TestHost.StartAsync();
        var customer = await host.Admin.CreateCustomerAsync(Core.Clouds.CloudName.Parse("mainline"), "Rated", null);

        var created = await Cli.JsonAsync(host.DataDirectory, "credentials", "create", "--customer", customer.Id, "--name", "worker", "--rate", "2/m", "--json", "--data", host.DataDirectory);
        Assert.Equal("2/m", created.GetProperty("quota").GetString());
        await host.SyncAsync();
        var worker = new TestCredential(created.GetProperty("clientId").GetString()!, created.GetProperty("secretKey").GetString()!, customer.Id, "mainline");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.RequestTokenAsync(worker);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var listed = await Cli.RunAsync(host.DataDirectory, "credentials", "list", "--data", host.DataDirectory);
        Assert.Contains("2/m", listed.Stdout, StringComparison.Ordinal);

        var cleared = await Cli.JsonAsync(host.DataDirectory, "credentials", "update", worker.ClientId, "--rate-default", "--json", "--data", host.DataDirectory);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("quota").ValueKind);
        await host.SyncAsync();
        using var again = await host.RequestTokenAsync(worker);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var bad = await Cli.RunAsync(host.DataDirectory, "credentials", "update", worker.ClientId, "--rate", "60/week", "--data", host.DataDirectory);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("60/week", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expires_And_RotateWithAGrace_FromTheCli()
    {
        await using var host = await TestHost.StartAsync();
        var customer = await host.Admin.CreateCustomerAsync(Core.Clouds.CloudName.Parse("mainline"), "Expiring", null);

        var created = await Cli.JsonAsync(host.DataDirectory, "credentials", "create", "--customer", customer.Id, "--name", "quarterly", "--expires", "90d", "--json", "--data", host.DataDirectory);
        var clientId = created.GetProperty("clientId").GetString()!;
        Assert.InRange(DateTimeOffset.Parse(created.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow, TimeSpan.FromDays(89.9), TimeSpan.FromDays(90.1));
        var soon = await Cli.JsonAsync(host.DataDirectory, "credentials", "list", "--expiring", "100d", "--json", "--data", host.DataDirectory);
        Assert.Contains(clientId, soon.EnumerateArray().Select(c => c.GetProperty("clientId").GetString()));
        var notYet = await Cli.JsonAsync(host.DataDirectory, "credentials", "list", "--expiring", "30d", "--json", "--data", host.DataDirectory);
        Assert.DoesNotContain(clientId, notYet.EnumerateArray().Select(c => c.GetProperty("clientId").GetString()));
        var table = await Cli.RunAsync(host.DataDirectory, "credentials", "list", "--data", host.DataDirectory);
        Assert.Contains("(in 90d)", table.Stdout, StringComparison.Ordinal);

        var rotated = await Cli.JsonAsync(host.DataDirectory, "credentials", "rotate", clientId, "--grace", "24h", "--json", "--data", host.DataDirectory);
        Assert.Equal(JsonValueKind.String, rotated.GetProperty("previousSecretUntil").ValueKind);
        await host.SyncAsync();
        using (var old = await host.RequestTokenAsync(new TestCredential(clientId, created.GetProperty("secretKey").GetString()!, customer.Id, "mainline")))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        using (var renewed = await host.RequestTokenAsync(new TestCredential(clientId, rotated.GetProperty("secretKey").GetString()!, customer.Id, "mainline")))
        {
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        }

        var never = await Cli.JsonAsync(host.DataDirectory, "credentials", "update", clientId, "--never-expires", "--json", "--data", host.DataDirectory);
        Assert.Equal(JsonValueKind.Null, never.GetProperty("expiresAt").ValueKind);
        foreach (var bad in new[] { new[] { "credentials", "rotate", clientId, "--grace", "5w" }, ["credentials", "update", clientId, "--expires", "soon"], ["credentials", "list", "--expiring", "-1d"] })
        {
            var result = await Cli.RunAsync(host.DataDirectory, [.. bad, "--data", host.DataDirectory]);
            Assert.Equal(2, result.ExitCode);
        }
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
