using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Tollgate.Server.Options;

namespace Tollgate.Server.Protection;

/// <summary>
/// Throttles guessing: failed authentications are counted per (client id, source address) and per source address;
/// past a threshold that pair, or that address, waits (429 + Retry-After), the wait doubling with each further
/// failure. An attacker hammering a client id from elsewhere throttles only its own address: the owner, from its
/// own address, is never locked out. The success path reads two dictionaries without a lock; counters live in two
/// generations of bounded size, the older dropped whole when the newer fills, so memory stays bounded whatever
/// arrives. Per node: behind a load balancer, each node counts what it sees.
/// </summary>
internal sealed class ClientAuthGuard(IOptions<TollgateServerOptions> options, TimeProvider time)
{
    private readonly GuardOptions _options = options.Value.Guard;
    private readonly Generations<(string ClientId, IPAddress Source)> _pairs = new();
    private readonly Generations<IPAddress> _sources = new();

    public bool Enabled => _options.Enabled;

    /// <summary>How long this client id from this address must still wait, or null.</summary>
    public TimeSpan? Blocked(string clientId, IPAddress? source)
    {
        if (!_options.Enabled || source is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcTicks;
        var wait = Math.Max(_sources.BlockedUntil(source), _pairs.BlockedUntil((clientId, source))) - now;
        return wait > 0 ? TimeSpan.FromTicks(wait) : null;
    }

    /// <summary>How long this address must still wait (console sign-in: the address is what is counted), or null.</summary>
    public TimeSpan? Blocked(IPAddress? source)
    {
        if (!_options.Enabled || source is null)
        {
            return null;
        }

        var wait = _sources.BlockedUntil(source) - time.GetUtcNow().UtcTicks;
        return wait > 0 ? TimeSpan.FromTicks(wait) : null;
    }

    public void Failed(string? clientId, IPAddress? source)
    {
        if (!_options.Enabled || source is null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        _sources.Fail(source, now, _options.SourceThreshold, _options);
        if (clientId is not null)
        {
            _pairs.Fail((clientId, source), now, _options.ClientThreshold, _options);
        }
    }

    /// <summary>A right secret from this address forgets the pair's failures (the address's count stays).</summary>
    public void Succeeded(string clientId, IPAddress? source)
    {
        if (_options.Enabled && source is not null)
        {
            _pairs.Forget((clientId, source));
        }
    }

    /// <summary>How many counters are held now (both generations, both kinds): what bounds the memory.</summary>
    public int Count => _pairs.Count + _sources.Count;

    private sealed class Counter
    {
        public int Failures;
        public long LastFailure;
        public long BlockedUntil;
    }

    private sealed class Generations<TKey>
        where TKey : notnull
    {
        private ConcurrentDictionary<TKey, Counter> _current = new();
        private ConcurrentDictionary<TKey, Counter> _previous = new();

        public int Count => _current.Count + _previous.Count;

        public long BlockedUntil(TKey key) =>
            _current.TryGetValue(key, out var c) || _previous.TryGetValue(key, out c) ? Volatile.Read(ref c.BlockedUntil) : 0;

        public void Forget(TKey key)
        {
            // Looked up first, without a lock: the usual success has nothing to forget and takes no lock at all.
            if (_current.ContainsKey(key))
            {
                _current.TryRemove(key, out _);
            }

            if (_previous.ContainsKey(key))
            {
                _previous.TryRemove(key, out _);
            }
        }

        public void Fail(TKey key, long now, int threshold, GuardOptions options)
        {
            var current = _current;
            if (!current.TryGetValue(key, out var counter))
            {
                if (current.Count >= Math.Max(1, options.MaxEntries / 2))
                {
                    // The newer generation is full: the older is dropped whole and a fresh one starts.
                    lock (this)
                    {
                        if (ReferenceEquals(current, _current))
                        {
                            _previous = _current;
                            _current = new ConcurrentDictionary<TKey, Counter>();
                        }
                    }

                    current = _current;
                }

                counter = current.GetOrAdd(key, static (k, previous) => previous.TryGetValue(k, out var old) ? old : new Counter(), _previous);
            }

            lock (counter)
            {
                if (now - counter.LastFailure > options.Window.Ticks)
                {
                    counter.Failures = 0;
                }

                counter.Failures++;
                counter.LastFailure = now;
                var over = counter.Failures - threshold;
                if (over >= 0)
                {
                    var wait = Math.Min(options.MaxBlock.Ticks, options.BaseBlock.Ticks << Math.Min(over, 30));
                    Volatile.Write(ref counter.BlockedUntil, now + wait);
                }
            }
        }
    }
}
