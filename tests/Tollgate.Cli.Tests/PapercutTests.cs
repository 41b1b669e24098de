using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary>What a new user tripped over at the command line, each fixed and kept fixed.</summary>
public sealed class PapercutTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));

    public PapercutTests() => Directory.CreateDirectory(_dir);

    private string Data => Path.Combine(_dir, "data");

    [Theory]
    [InlineData("customers", "list")]
    [InlineData("msps", "create", "--name", "x")]
    [InlineData("credentials", "list")]
    [InlineData("audit", "list")]
    [InlineData("keys", "rotate")]
    public async Task AdminCommand_OnAFolderWithNoStore_SaysSo_AndCreatesNothing(params string[] command)
    {
        var empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);

        var missing = await Cli.RunAsync(_dir, [.. command, "--data", Path.Combine(_dir, "absent")]);
        var bare = await Cli.RunAsync(_dir, [.. command, "--data", empty]);

        foreach (var result in new[] { missing, bare })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("No Tollgate store", Assert.Single(result.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_dir, "absent")));
        Assert.Empty(Directory.GetFileSystemEntries(empty));
    }

    [Fact]
    public async Task MspsList_AndCustomersList_ShowWhatExists_AnUnknownMspIsAnError()
    {
        await MigrateAsync();
        var msp = await Cli.JsonAsync(_dir, "msps", "create", "--name", "Acme MSP", "--json", "--data", Data);
        var mspId = msp.GetProperty("id").GetString()!;
        var managed = await Cli.JsonAsync(_dir, "customers", "create", "--name", "Globex", "--msp", mspId, "--json", "--data", Data);
        await Cli.JsonAsync(_dir, "customers", "create", "--name", "Solo", "--cloud", "govcloud", "--json", "--data", Data);

        var msps = await Cli.JsonAsync(_dir, "msps", "list", "--json", "--data", Data);
        var all = await Cli.JsonAsync(_dir, "customers", "list", "--json", "--data", Data);
        var mine = await Cli.JsonAsync(_dir, "customers", "list", "--msp", mspId, "--json", "--data", Data);
        var gov = await Cli.JsonAsync(_dir, "customers", "list", "--cloud", "govcloud", "--json", "--data", Data);
        var table = await Cli.RunAsync(_dir, "customers", "list", "--data", Data);
        var unknown = await Cli.RunAsync(_dir, "customers", "list", "--msp", Guid.NewGuid().ToString(), "--data", Data);

        Assert.Equal([mspId], msps.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(["Globex", "Solo"], all.EnumerateArray().Select(c => c.GetProperty("customerName").GetString()));
        Assert.Equal([managed.GetProperty("id").GetString()], mine.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["Solo"], gov.EnumerateArray().Select(c => c.GetProperty("customerName").GetString()));
        Assert.Equal(3, table.Stdout.Trim().Split('\n').Length); // header and two rows
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No MSP", unknown.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("msps", "create", "--name", "x", "--cloud", "moon")]
    [InlineData("customers", "create", "--name", "x", "--cloud", "moon")]
    [InlineData("keys", "rotate", "--cloud", "moon")]
    [InlineData("keys", "list", "--cloud", "moon")]
    [InlineData("credentials", "list", "--cloud", "moon")]
    public async Task UnknownCloud_IsBadUsage_NamingTheKnownClouds_AndChangesNothing(params string[] command)
    {
        await MigrateAsync();

        var result = await Cli.RunAsync(_dir, [.. command, "--data", Data]);
        var keys = await Cli.JsonAsync(_dir, "keys", "list", "--json", "--data", Data);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("mainline, govcloud, govapis", line, StringComparison.Ordinal);
        Assert.Contains("'moon'", line, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.EnumerateArray(), k => k.GetProperty("cloud").GetString() == "moon");
    }

    [Theory]
    [InlineData("credentials", "create", "--customer", "c", "--name", "n", "--allow", "10.0.0.0/99")]
    [InlineData("credentials", "create", "--customer", "c", "--name", "n", "--allow", "not-a-network")]
    [InlineData("call", "FETCH", "/insync/usermanagement/v1/users", "--client-id", "a", "--secret-key", "b")]
    [InlineData("audit", "list", "--limit", "0")]
    public async Task BadUsage_ExitsWith2(params string[] command)
    {
        await MigrateAsync();

        var result = await Cli.RunAsync(_dir, [.. command, "--data", Data]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task JsonSecrets_AreCopyableByEye_NoUnicodeEscapes()
    {
        await MigrateAsync();
        var customer = await Cli.JsonAsync(_dir, "customers", "create", "--name", "C", "--json", "--data", Data);
        var clientId = (await Cli.JsonAsync(_dir, "credentials", "create", "--customer", customer.GetProperty("id").GetString()!, "--name", "n", "--json", "--data", Data)).GetProperty("clientId").GetString()!;

        // Rotate until a secret holds a '+' (about every other one does), then look at the raw output.
        CliResult rotated;
        string secret;
        var tries = 0;
        do
        {
            rotated = await Cli.RunAsync(_dir, "credentials", "rotate", clientId, "--json", "--data", Data);
            secret = JsonDocument.Parse(rotated.Stdout).RootElement.GetProperty("secretKey").GetString()!;
        }
        while (!secret.Contains('+', StringComparison.Ordinal) && ++tries < 30);

        Assert.Contains('+', secret);
        Assert.Contains($"\"secretKey\": \"{secret}\"", rotated.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", rotated.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditList_UnknownFilters_AreErrors_HelpShowsEachDefaultOnce_OneActorFormat()
    {
        await MigrateAsync();
        var msp = await Cli.JsonAsync(_dir, "msps", "create", "--name", "M", "--json", "--data", Data);

        var unknownCustomer = await Cli.RunAsync(_dir, "audit", "list", "--customer", Guid.NewGuid().ToString(), "--data", Data);
        var unknownMsp = await Cli.RunAsync(_dir, "audit", "list", "--msp", "not-an-id", "--data", Data);
        var help = await Cli.RunAsync(_dir, "audit", "list", "--help");
        var events = await Cli.JsonAsync(_dir, "audit", "list", "--msp", msp.GetProperty("id").GetString()!, "--json", "--data", Data);

        Assert.Equal(1, unknownCustomer.ExitCode);
        Assert.Contains("No customer", unknownCustomer.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, unknownMsp.ExitCode);
        Assert.Single(help.Stdout.Split('\n'), line => line.Contains("1000", StringComparison.Ordinal));
        Assert.Matches("^cli:", Assert.Single(events.EnumerateArray()).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Serve_SaysOncePerCloudWhereItListens_AndAPortInUseIsOneClearLine()
    {
        await using (var server = await ServerProcess.StartAsync(_dir, null, "--data", Data))
        {
            foreach (var listening in server.Ports.Values)
            {
                Assert.Single(server.Output.Split('\n'), line => line.Contains($"127.0.0.1:{listening}", StringComparison.Ordinal));
            }
        }

        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var info = Cli.StartInfo(_dir, "serve", "--listen", $"mainline=http://127.0.0.1:{port}", "--listen", $"govcloud=http://127.0.0.1:{FreePort.Next()}", "--listen", $"govapis=http://127.0.0.1:{FreePort.Next()}", "--data", Data);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.NotEqual(0, process.ExitCode);
        var line = Assert.Single((await stderr).Trim().Split('\n'));
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await stdout + line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task MigrateAsync() => Assert.Equal(0, (await Cli.RunAsync(_dir, "db", "migrate", "--data", Data)).ExitCode);
}
