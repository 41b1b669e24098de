using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tollgate.Storage;
using Tollgate.Core.Stores;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary>What an outside probe found on the machine and on the terminal, replayed through the real executable.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ProbeRegressionCliTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));

    public ProbeRegressionCliTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task DataFolder_CreatedUnderUmask022_IsOwnerOnly_AndSoAreItsFiles()
    {
        var data = Path.Combine(_dir, "data");
        var info = new ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", "umask 022 && exec dotnet \"$0\" db migrate --data \"$1\"", Cli.Dll, data })
        {
            info.ArgumentList.Add(arg);
        }

        using (var process = Process.Start(info)!)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await stderr);
        }

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, "tollgate.db")));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, MasterKeyLoader.FileName)));
    }

    [Fact]
    public async Task RunningServer_KeepsItsWalAndShmFilesOwnerOnly()
    {
        var previous = Umask(0b000_010_010); // 022, as a login shell has it
        try
        {
            var data = Path.Combine(_dir, "served");
            await using var host = await TestHost.StartAsync(dataDirectory: data);
            await host.GetTokenAsync(await host.CreateCustomerCredentialAsync()); // the server has written: -wal and -shm exist

            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
            foreach (var file in new[] { "tollgate.db", "tollgate.db-wal", "tollgate.db-shm", MasterKeyLoader.FileName })
            {
                Assert.True(File.Exists(Path.Combine(data, file)), file);
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, file)));
            }
        }
        finally
        {
            _ = Umask(previous);
        }
    }

    [Fact]
    public async Task HumanReadableOutput_ShowsControlCharactersEscaped_SoStoredDataCannotForgeRowsOrDriveTheTerminal()
    {
        var data = Path.Combine(_dir, "data");
        Assert.Equal(0, (await Cli.RunAsync(_dir, "db", "migrate", "--data", data)).ExitCode);
        var customer = await Cli.JsonAsync(_dir, "customers", "create", "--name", "C", "--json", "--data", data);
        const string hostile = "ci\u001b[2J\u001b[H\nforged row\u202e";
        var created = await Cli.RunAsync(_dir, "credentials", "create", "--customer", customer.GetProperty("id").GetString()!, "--name", hostile, "--json", "--data", data);
        Assert.True(created.ExitCode == 0, created.Stderr);
        Assert.Equal(hostile, JsonDocument.Parse(created.Stdout).RootElement.GetProperty("name").GetString()); // JSON keeps the value exact
        using (var store = new TollgateStore(new StoreOptions { DataDirectory = data }, TimeProvider.System))
        {
            // A row as raw as any older version or another writer could have left.
            await store.Audit.AppendAsync([new AuditEvent(DateTimeOffset.UtcNow, "mainline", "msp\r\u001b[31m", "customer_token.mint", "customer", "x\n2026-01-01  forged")], CancellationToken.None);
        }

        var credentials = await Cli.RunAsync(_dir, "credentials", "list", "--data", data);
        var audit = await Cli.RunAsync(_dir, "audit", "list", "--data", data);

        foreach (var output in new[] { credentials, audit })
        {
            Assert.True(output.ExitCode == 0, output.Stderr);
            Assert.DoesNotMatch(RawControl(), output.Stdout); // line breaks between rows only
            Assert.DoesNotContain('\u202e', output.Stdout);
        }

        Assert.Equal(2, credentials.Stdout.TrimEnd().Split('\n').Length); // the header and one row: no forged line
        Assert.Contains("ci\\x1b[2J\\x1b[H\\x0aforged row\\u202e", credentials.Stdout, StringComparison.Ordinal);
        Assert.Contains("msp\\x0d\\x1b[31m", audit.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(audit.Stdout.Split('\n'), line => line.StartsWith("2026-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErrorMessages_EchoingInput_ShowControlCharactersEscaped()
    {
        var result = await Cli.RunAsync(_dir, "audit", "list", "--since", "x\u001b[2J\nforged", "--data", Path.Combine(_dir, "data"));

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Contains("x\\x1b[2J\\x0aforged", result.Stderr, StringComparison.Ordinal);
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

    [GeneratedRegex(@"[\u0000-\u0009\u000b-\u001f\u007f-\u009f]")]
    private static partial Regex RawControl();

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
}
