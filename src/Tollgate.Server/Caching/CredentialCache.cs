using System.Collections.Concurrent;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Background;

namespace Tollgate.Server.Caching;

/// <summary>
/// Credentials by client id, in memory. Once every credential is loaded and the change feed is current,
/// a miss is an unknown client id, answered from memory: it costs what a wrong secret costs (no timing
/// oracle for which ids exist) and no query. Otherwise a miss reads the store once; unknown client ids are
/// remembered too (bounded), so guessing ids cannot turn every request into a database query. The change
/// feed updates an entry whenever its credential is created, revoked or rotated anywhere.
/// </summary>
internal sealed class CredentialCache(ICredentialStore store, ChangeFeedHealth feed) : ICredentialSource
{
    private const int MaxUnknown = 100_000;

    private readonly ConcurrentDictionary<string, CredentialRecord?> _entries = new(StringComparer.Ordinal);
    private int _unknown;
    private volatile bool _complete;

    public int Count => _entries.Count;

    /// <summary>
    /// Loads every credential at start, so the token path never waits for the store, even with a million
    /// credentials used in random order (about 400 bytes each). Owner ids and names are shared between records.
    /// </summary>
    public async Task<int> LoadAllAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var record in store.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _entries.TryAdd(record.ClientId, record);
            count++;
        }

        _complete = true;
        return count;
    }

    public ValueTask<CredentialRecord?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(clientId, out var record))
        {
            return ValueTask.FromResult(record);
        }

        // Complete and current: what is not here does not exist. While the feed lags (the store is away),
        // the store is asked, so a credential made meanwhile is not refused for good.
        return _complete && feed.IsCurrent ? ValueTask.FromResult<CredentialRecord?>(null) : LoadAsync(clientId, cancellationToken);
    }

    /// <summary>Replaces an entry with the stored state, so a change elsewhere never turns the next request into a miss.</summary>
    public void Update(CredentialRecord record)
    {
        if (_entries.TryGetValue(record.ClientId, out var previous) && previous is null)
        {
            Interlocked.Decrement(ref _unknown);
        }

        _entries[record.ClientId] = record;
    }

    public void Invalidate(string clientId)
    {
        if (_entries.TryRemove(clientId, out var removed) && removed is null)
        {
            Interlocked.Decrement(ref _unknown);
        }
    }

    private async ValueTask<CredentialRecord?> LoadAsync(string clientId, CancellationToken cancellationToken)
    {
        if (clientId.Length > 128)
        {
            return null;
        }

        var record = await store.FindAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (record is null && Interlocked.Increment(ref _unknown) > MaxUnknown)
        {
            // Too many distinct unknown ids: forget them rather than grow without bound.
            foreach (var (key, value) in _entries)
            {
                if (value is null)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            Interlocked.Exchange(ref _unknown, 1);
        }

        _entries[clientId] = record;
        return record;
    }
}
