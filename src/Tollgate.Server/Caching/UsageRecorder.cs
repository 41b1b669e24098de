using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tollgate.Storage;

namespace Tollgate.Server.Caching;

/// <summary>Last-used times, collected in memory on the request path and written in batches off it.</summary>
internal sealed class UsageRecorder(TollgateStore store)
{
    private ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

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
            await using var db = store.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (clientId, at) in batch)
            {
                await db.Credentials.Where(c => c.ClientId == clientId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, at), cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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
