using System.Collections.Concurrent;
using Tollgate.Storage;
using Tollgate.Storage.Entities;

namespace Tollgate.Server.Caching;

/// <summary>
/// The MSP activity trail: events are queued in memory on the request path and written in batches off it.
/// Bounded, so a store outage cannot exhaust memory; what is dropped is counted.
/// </summary>
internal sealed class ActivityRecorder(TollgateStore store)
{
    private const int MaxPending = 100_000;
    private const int BatchSize = 1_000;

    private readonly ConcurrentQueue<AuditEventEntity> _pending = new();
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(AuditEventEntity activity)
    {
        if (_pending.Count >= MaxPending)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        _pending.Enqueue(activity);
    }

    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        while (!_pending.IsEmpty)
        {
            var batch = new List<AuditEventEntity>(BatchSize);
            while (batch.Count < BatchSize && _pending.TryDequeue(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await using var db = store.CreateContext();
                db.AuditEvents.AddRange(batch);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                written += batch.Count;
            }
            catch
            {
                // The store is away: the events wait for the next flush (their times are their own).
                foreach (var item in batch)
                {
                    item.Id = 0;
                    _pending.Enqueue(item);
                }

                throw;
            }
        }

        return written;
    }
}
