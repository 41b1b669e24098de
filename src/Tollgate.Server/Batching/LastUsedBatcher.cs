using System.Collections.Concurrent;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Batching;

/// <summary>Last-used times: a write-behind queue, collected in memory on the request path and written in batches off it.</summary>
internal sealed class LastUsedBatcher(ICredentialStore store)
{
    private ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

    public int Pending => _pending.Count;

    public void Record(string clientId, DateTimeOffset at) => _pending[clientId] = at;

    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return 0;
        }

        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        try
        {
            await store.RecordLastUsedAsync(batch, cancellationToken).ConfigureAwait(false);
            return batch.Count;
        }
        catch
        {
            // The store is away: keep the batch for the next flush (a newer time wins).
            foreach (var (clientId, at) in batch)
            {
                _pending.AddOrUpdate(clientId, at, (_, newer) => newer > at ? newer : at);
            }

            throw;
        }
    }
}
