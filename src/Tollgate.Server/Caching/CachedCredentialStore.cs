using System.Collections.Concurrent;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.Stores;
using Tollgate.Server.Background;

namespace Tollgate.Server.Caching;

/// <summary>
/// The credential store with every credential in memory, by client id: a decorator, so client
/// authentication and the administrative services use it as they would the store. Once every credential is
/// loaded and the change feed is current, a miss is an unknown client id, answered from memory: it costs what
/// a wrong secret costs (no timing oracle for which ids exist) and no query. Otherwise a miss reads the store
/// once; unknown ids are remembered too (bounded), so guessing ids cannot turn every request into a query.
/// Writes go through to the store and update the entry; the change feed refreshes entries changed elsewhere.
/// </summary>
internal sealed class CachedCredentialStore(ICredentialStore inner, ChangeFeedHealth feed) : ICredentialStore
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
        await foreach (var record in inner.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _entries.TryAdd(record.ClientId, record);
            count++;
        }

        _complete = true;
        return count;
    }

    public ValueTask<CredentialRecord?> FindAsync(ClientId clientId, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(clientId.Value, out var record))
        {
            return ValueTask.FromResult(record);
        }

        // Complete and current: what is not here does not exist. While the feed lags (the store is away),
        // the store is asked, so a credential made meanwhile is not refused for good.
        return _complete && feed.IsCurrent ? ValueTask.FromResult<CredentialRecord?>(null) : LoadAsync(clientId, cancellationToken);
    }

    /// <summary>Reads one credential from the store into memory (it changed elsewhere); null when it is gone.</summary>
    public async Task<CredentialRecord?> RefreshAsync(ClientId clientId, CancellationToken cancellationToken)
    {
        var record = await inner.FindAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            Forget(clientId.Value);
        }
        else
        {
            Update(record);
        }

        return record;
    }

    public IAsyncEnumerable<CredentialRecord> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);

    public Task<IReadOnlyList<CredentialRecord>> ReadRevokedOrRotatedSinceAsync(DateTimeOffset horizon, CancellationToken cancellationToken) =>
        inner.ReadRevokedOrRotatedSinceAsync(horizon, cancellationToken);

    public Task<IReadOnlyList<CredentialDetails>> ListAsync(CloudName? cloud, CancellationToken cancellationToken) => inner.ListAsync(cloud, cancellationToken);

    public async Task AddAsync(CredentialRecord credential, DateTimeOffset createdAt, string createdBy, JournalEntry journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        await inner.AddAsync(credential, createdAt, createdBy, journal, cancellationToken).ConfigureAwait(false);
        Update(credential);
    }

    public async Task<StoreWrite> ReplaceAsync(CredentialRecord updated, int expectedVersion, JournalEntry journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var write = await inner.ReplaceAsync(updated, expectedVersion, journal, cancellationToken).ConfigureAwait(false);
        if (write == StoreWrite.Written)
        {
            Update(updated);
        }
        else if (ClientId.TryParse(updated.ClientId, out var id))
        {
            // Another writer got there first: what this node holds is stale, so the caller's retry reads the store.
            await RefreshAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return write;
    }

    public Task RecordLastUsedAsync(IReadOnlyCollection<KeyValuePair<SecretUse, DateTimeOffset>> lastUsed, CancellationToken cancellationToken) =>
        inner.RecordLastUsedAsync(lastUsed, cancellationToken);

    private void Update(CredentialRecord record)
    {
        if (_entries.TryGetValue(record.ClientId, out var previous) && previous is null)
        {
            Interlocked.Decrement(ref _unknown);
        }

        _entries[record.ClientId] = record;
    }

    private void Forget(string clientId)
    {
        if (_entries.TryRemove(clientId, out var removed) && removed is null)
        {
            Interlocked.Decrement(ref _unknown);
        }
    }

    private async ValueTask<CredentialRecord?> LoadAsync(ClientId clientId, CancellationToken cancellationToken)
    {
        var record = await inner.FindAsync(clientId, cancellationToken).ConfigureAwait(false);
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

        _entries[clientId.Value] = record;
        return record;
    }
}
