using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Tollgate.Cli.Tests;

/// <summary><c>dotnet pack</c> makes the SDK package and the <c>tollgate</c> .NET tool; the tool installs from the folder and runs.</summary>
public sealed class PackagingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tollgate-tests", "pack-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Pack_ThenToolInstall_GivesAWorkingTollgateCommand()
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(_dir, "feed");
        foreach (var project in new[] { "src/Tollgate.Client/Tollgate.Client.csproj", "src/Tollgate.Cli/Tollgate.Cli.csproj" })
        {
            var pack = await RunAsync("dotnet", ["pack", Path.Combine(root, project), "-c", "Release", "-o", feed, "-p:Version=1.2.3-test", "--nologo"]);
            Assert.True(pack.ExitCode == 0, pack.Output);
        }

        using (var package = ZipFile.OpenRead(Path.Combine(feed, "Tollgate.Client.1.2.3-test.nupkg")))
        {
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net10.0/Tollgate.Client.dll", entries);
            Assert.Contains("lib/net10.0/Tollgate.Client.xml", entries);
            using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var text = await nuspec.ReadToEndAsync();
            Assert.Contains("<readme>README.md</readme>", text, StringComparison.Ordinal);
            Assert.Contains("<license type=\"expression\">MIT</license>", text, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(feed, "Tollgate.Client.1.2.3-test.snupkg")));

        var tools = Path.Combine(_dir, "tools");
        var install = await RunAsync("dotnet", ["tool", "install", "Tollgate.Tool", "--tool-path", tools, "--add-source", feed, "--version", "1.2.3-test"]);
        Assert.True(install.ExitCode == 0, install.Output);

        var data = Path.Combine(_dir, "data");
        var migrate = await RunAsync(Path.Combine(tools, "tollgate"), ["db", "migrate", "--data", data]);
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        var msp = await RunAsync(Path.Combine(tools, "tollgate"), ["msps", "create", "--name", "Packed", "--json", "--data", data]);
        Assert.True(msp.ExitCode == 0, msp.Output);
        Assert.Equal("Packed", JsonDocument.Parse(msp.Output).RootElement.GetProperty("name").GetString());
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

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tollgate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Tollgate.slnx not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
