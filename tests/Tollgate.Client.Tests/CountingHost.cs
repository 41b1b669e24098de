using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tollgate.Testing;

namespace Tollgate.Client.Tests;

/// <summary>A real Tollgate host that counts, server-side, the requests each path receives, and can answer 429 on demand.</summary>
internal sealed class CountingHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _throttle;

    private CountingHost()
    {
    }

    public TestHost Host { get; private set; } = null!;

    public Uri BaseAddress => new(Host.Mainline + "/");

    /// <summary>The Retry-After, in seconds, of the 429 answers <see cref="Throttle"/> asks for.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public static async Task<CountingHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var counting = new CountingHost();
        counting.Host = await TestHost.StartAsync(settings: settings, middleware: app => app.Use(counting.InvokeAsync));
        return counting;
    }

    public int Count(string path) => _counts.GetValueOrDefault(path);

    public void Throttle(int count) => Interlocked.Exchange(ref _throttle, count);

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.EndsWith("/token", StringComparison.Ordinal) && Interlocked.Decrement(ref _throttle) >= 0)
        {
            _counts.AddOrUpdate(path + " 429", 1, (_, n) => n + 1);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        await next();
    }
}
