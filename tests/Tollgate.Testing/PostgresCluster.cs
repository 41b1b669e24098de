using System.Diagnostics;
using Npgsql;

namespace Tollgate.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster of the test's own (Debian's postgresql package, which test.sh installs):
/// initdb in a temp folder, a free loopback port, trust authentication. Tests may stop and restart it freely.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string bin, string dataDir, int port, bool asPostgresUser)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=15";

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries are missing: install Debian's postgresql package (./test.sh does).");
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "tollgate-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var root = Environment.UserName == "root";
        var cluster = new PostgresCluster(bin, dataDir, FreePort.Next(), root);
        if (root)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", ["postgres:postgres", dataDir]);
        }

        await cluster.PgAsync("initdb", ["-D", Path.Combine(dataDir, "pg"), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
        await cluster.StartServerAsync();
        return cluster;
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "tollgate_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
#pragma warning disable CA2100 // The name is generated here: "tollgate_" and hex digits.
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>An immediate shutdown (no checkpoint, like a crash), then a start.</summary>
    public async Task CrashAndRestartAsync(TimeSpan downtime)
    {
        await PgCtlAsync(["stop", "-m", "immediate", "-w"]);
        await Task.Delay(downtime);
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgCtlAsync(["stop", "-m", "fast", "-w"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    private Task StartServerAsync() =>
        PgCtlAsync(["start", "-w", "-l", Path.Combine(_dataDir, "log.txt"), "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_dataDir} -c fsync=on -c max_connections=200"]);

    private Task PgCtlAsync(string[] args) => PgAsync("pg_ctl", ["-D", Path.Combine(_dataDir, "pg"), .. args]);

    private Task PgAsync(string tool, string[] args) =>
        _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }
}
