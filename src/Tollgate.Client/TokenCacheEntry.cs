using Microsoft.Extensions.Logging;

namespace Tollgate.Client;

/// <summary>
/// One cached token and its single-flight refresh. The warm path reads one field and the clock: no lock,
/// no allocation. Failures are never cached: a failed fetch leaves the entry as it was.
/// </summary>
internal sealed class TokenCacheEntry(Func<CancellationToken, Task<AccessToken>> fetch, TimeProvider time, TollgateClientOptions options, ILogger logger) : ITokenSource
{
    private readonly Lock _gate = new();
    private CachedToken? _token;
    private Task<AccessToken>? _inflight;

    public ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var cached = Volatile.Read(ref _token);
        if (cached is not null)
        {
            var now = time.GetUtcNow();
            if (now < cached.UsableUntil)
            {
                if (now >= cached.RefreshFrom)
                {
                    _ = RefreshInBackground(cached);
                }

                return new ValueTask<AccessToken>(cached.Token);
            }
        }

        return new ValueTask<AccessToken>(Fetch(cached).WaitAsync(cancellationToken));
    }

    public void Invalidate(AccessToken token)
    {
        var cached = Volatile.Read(ref _token);
        if (cached is not null && ReferenceEquals(cached.Token, token))
        {
            Interlocked.CompareExchange(ref _token, null, cached);
        }
    }

    /// <summary>
    /// Fetches a token, once however many callers ask. <paramref name="seen"/> is the entry the caller found stale:
    /// when the cache already holds a newer one (a refresh finished in between), that one is the answer.
    /// </summary>
    private Task<AccessToken> Fetch(CachedToken? seen)
    {
        lock (_gate)
        {
            if (_inflight is { IsCompleted: false } running)
            {
                return running;
            }

            if (Volatile.Read(ref _token) is { } current && !ReferenceEquals(current, seen) && time.GetUtcNow() < current.UsableUntil)
            {
                return Task.FromResult(current.Token);
            }

            var task = RunAsync();
            _inflight = task;
            return task;
        }
    }

    private async Task<AccessToken> RunAsync()
    {
        // Yield first so the lock in Fetch is released before any work, and concurrent callers join this task.
        await Task.Yield();
        var requestedAt = time.GetUtcNow();
        var token = await fetch(CancellationToken.None).ConfigureAwait(false);
        var lifetime = token.ExpiresAt - requestedAt;
        var buffer = options.ExpiryBuffer < lifetime / 2 ? options.ExpiryBuffer : lifetime / 10;
        var ahead = options.RefreshAhead < lifetime / 4 ? options.RefreshAhead : lifetime / 4;
        var usableUntil = token.ExpiresAt - buffer;
        Volatile.Write(ref _token, new CachedToken(token, usableUntil, usableUntil - ahead));
        return token;
    }

    private async Task RefreshInBackground(CachedToken seen)
    {
        try
        {
            await Fetch(seen).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TollgateTokenException or TaskCanceledException)
        {
            // The cached token is still usable; the next call past the buffer will try again and see the error.
            Log.BackgroundRefreshFailed(logger, ex);
        }
    }

    private sealed record CachedToken(AccessToken Token, DateTimeOffset UsableUntil, DateTimeOffset RefreshFrom);
}
