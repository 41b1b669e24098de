using Tollgate.Core.Clouds;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary><c>tollgate admins create|list|disable|reset-password</c> from another process, against a running server.</summary>
public sealed class AdminsCliTests
{
    [Fact]
    public async Task Admins_CreateSignInDisableReset_TheRunningConsoleFollows()
    {
        await using var host = await TestHost.StartAsync();
        var msp = await host.Admin.CreateMspAsync(CloudName.Mainline, "Acme MSP");
        var console = new Uri(host.Mainline);
        var data = host.DataDirectory;

        var created = await Cli.JsonAsync(data, "admins", "create", "--email", "ops@acme.example", "--role", "msp-admin", "--msp", msp.Id, "--json", "--data", data);
        Assert.Equal("msp-admin", created.GetProperty("role").GetString());
        Assert.Equal(msp.Id, created.GetProperty("mspId").GetString());
        Assert.Equal("invited", created.GetProperty("status").GetString());
        Assert.EndsWith("/console", created.GetProperty("signInUrl").GetString(), StringComparison.Ordinal);
        var first = created.GetProperty("oneTimePassword").GetString()!;
        Assert.Equal("/console/password", await TestConsole.SignInAsync(console, "ops@acme.example", first));

        var listed = await Cli.JsonAsync(data, "admins", "list", "--json", "--data", data);
        var row = Assert.Single(listed.EnumerateArray());
        Assert.Equal("ops@acme.example", row.GetProperty("email").GetString());
        Assert.False(row.TryGetProperty("oneTimePassword", out _));
        var table = await Cli.RunAsync(data, "admins", "list", "--data", data);
        Assert.Contains("ops@acme.example", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(first, table.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await Cli.RunAsync(data, "admins", "disable", "ops@acme.example", "--data", data)).ExitCode);
        Assert.Null(await TestConsole.SignInAsync(console, "ops@acme.example", first));
        Assert.Equal(1, (await Cli.RunAsync(data, "admins", "disable", "ops@acme.example", "--data", data)).ExitCode);

        // A reset re-enables the account with a new one-time password; the old one is dead.
        var reset = await Cli.JsonAsync(data, "admins", "reset-password", created.GetProperty("id").GetString()!, "--json", "--data", data);
        var second = reset.GetProperty("oneTimePassword").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Null(await TestConsole.SignInAsync(console, "ops@acme.example", first));
        Assert.Equal("/console/password", await TestConsole.SignInAsync(console, "ops@acme.example", second));

        var audit = await host.Admin.AuditAsync();
        foreach (var action in new[] { "administrator.create", "administrator.disable", "administrator.reset_password" })
        {
            Assert.Contains(audit, e => e.Action == action && e.Actor.StartsWith("cli:", StringComparison.Ordinal) && e.MspId == msp.Id);
        }
    }

    [Theory]
    [InlineData(1, "admins", "create", "--email", "not-an-address", "--role", "cloud-admin")]
    [InlineData(2, "admins", "create", "--email", "a@b.example", "--role", "root")]
    [InlineData(1, "admins", "create", "--email", "a@b.example", "--role", "msp-admin")]
    [InlineData(1, "admins", "create", "--email", "a@b.example", "--role", "customer-admin", "--customer", "6f9619ff-8b86-d011-b42d-00cf4fc964ff")]
    [InlineData(2, "admins", "create", "--email", "a@b.example", "--role", "msp-admin", "--msp", "6f9619ff-8b86-d011-b42d-00cf4fc964ff", "--cloud", "mainline")]
    [InlineData(2, "admins", "create", "--email", "a@b.example", "--role", "cloud-admin", "--cloud", "moon")]
    [InlineData(1, "admins", "disable", "nobody@b.example")]
    [InlineData(1, "admins", "reset-password", "6f9619ff-8b86-d011-b42d-00cf4fc964ff")]
    public async Task Admins_BadInput_IsAOneLineError(int exitCode, params string[] args)
    {
        await using var host = await TestHost.StartAsync();
        var result = await Cli.RunAsync(host.DataDirectory, [.. args, "--data", host.DataDirectory]);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_SameAddressTwiceOnOneCloud_IsRefused_ButAnotherCloudMayHaveIt()
    {
        await using var host = await TestHost.StartAsync();
        var data = host.DataDirectory;
        Assert.Equal(0, (await Cli.RunAsync(data, "admins", "create", "--email", "ada@example.com", "--role", "cloud-admin", "--data", data)).ExitCode);
        var twice = await Cli.RunAsync(data, "admins", "create", "--email", "ada@example.com", "--role", "cloud-admin-read-only", "--data", data);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("already has an administrator ada@example.com", twice.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli.RunAsync(data, "admins", "create", "--email", "ada@example.com", "--role", "cloud-admin", "--cloud", "govcloud", "--data", data)).ExitCode);
    }
}
