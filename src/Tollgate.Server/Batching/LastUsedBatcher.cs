using System.Collections.Concurrent;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Batching;

/// <summary>Last-used times: a write-behind queue, collected in memory on the request path and written in batches off it.</summary>
internal sealed class LastUsedBatcher(ICredentialStore store)
{
    private ConcurrentDictionary<SecretUse, DateTimeOffset> _pending = new();

    public int Pending => _pending.Count;

    /// <summary>The secret of <paramref name="generation"/> of <paramref name="clientId"/> was used at <paramref name="at"/>.</summary>
    public void Record(string clientId, int generation, DateTimeOffset at) => _pending[new SecretUse(clientId, generation)] = at;

    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return 0;
        }

        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<SecretUse, DateTimeOffset>());
        try
        {
            await store.RecordLastUsedAsync(batch, cancellationToken).ConfigureAwait(false);
            return batch.Count;
        }
        catch
        {
            // The store is away: keep the batch for the next flush (a newer time wins).
            foreach (var (use, at) in batch)
            {
                _pending.AddOrUpdate(use, at, (_, newer) => newer > at ? newer : at);
            }

            throw;
        }
    }
}
