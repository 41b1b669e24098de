using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary>A <c>tollgate serve</c> process on free loopback ports, started and stopped (or killed) by a test.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _readyLines;

    private ServerProcess(Process process, Dictionary<string, int> ports)
    {
        _process = process;
        Ports = ports;
    }

    public Dictionary<string, int> Ports { get; }

    public Uri Url(string cloud = "mainline") => new($"http://127.0.0.1:{Ports[cloud]}/");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var ports = new Dictionary<string, int> { ["mainline"] = FreePort.Next(), ["govcloud"] = FreePort.Next(), ["govapis"] = FreePort.Next() };
        string[] listen = [.. ports.SelectMany(p => new[] { "--listen", $"{p.Key}=http://127.0.0.1:{p.Value}" })];
        var info = Cli.StartInfo(workingDirectory, ["serve", .. listen, .. args]);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var server = new ServerProcess(Process.Start(info)!, ports);
        server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var exited = server._process.WaitForExitAsync();
        if (await Task.WhenAny(server._ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != server._ready.Task)
        {
            var output = server.Output;
            await server.DisposeAsync();
            throw new InvalidOperationException("tollgate serve did not become ready:\n" + output);
        }

        return server;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash.</summary>
    public void Kill() => Signal("KILL");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal("TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Signal(string signal) =>
        Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    private void OnLine(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line is not null && line.StartsWith("Tollgate ", StringComparison.Ordinal) && line.Contains(" ready at ", StringComparison.Ordinal) &&
            Interlocked.Increment(ref _readyLines) == Ports.Count)
        {
            _ready.TrySetResult();
        }
    }
}
