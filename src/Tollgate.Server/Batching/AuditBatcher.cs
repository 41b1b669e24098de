using System.Collections.Concurrent;
using System.Globalization;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Batching;

/// <summary>
/// Audit events of the request path (API calls with customer tokens, customer-token mints, failed client
/// authentications): a write-behind queue, written in batches off the request path. Bounded, so a store outage
/// or a flood cannot exhaust memory (what is dropped is counted); a flush writes what was queued when it began,
/// so a steady stream cannot keep it writing for ever; and failed authentications are recorded one by one only up
/// to a number per flush interval, the rest as one summary row, so a flood of wrong secrets cannot turn into a
/// flood of database writes.
/// </summary>
internal sealed class AuditBatcher(IAuditLog log, TimeProvider time)
{
    private const int MaxPending = 100_000;
    private const int BatchSize = 1_000;
    private const int MaxFailuresPerInterval = 1_000;

    private readonly ConcurrentQueue<AuditEvent> _pending = new();
    private long _dropped;
    private int _failuresThisInterval;
    private int _failuresSummarized;
    private AuditEvent? _lastSummarized;

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Pending => _pending.Count;

    public void Record(AuditEvent activity)
    {
        if (_pending.Count >= MaxPending)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        _pending.Enqueue(activity);
    }

    /// <summary>A failed client authentication: its own row while they are few, a count in one row when they flood.</summary>
    public void RecordFailure(AuditEvent failure)
    {
        if (Interlocked.Increment(ref _failuresThisInterval) <= MaxFailuresPerInterval)
        {
            Record(failure);
            return;
        }

        Interlocked.Increment(ref _failuresSummarized);
        _lastSummarized = failure;
    }

    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _failuresThisInterval, 0);
        var summarized = Interlocked.Exchange(ref _failuresSummarized, 0);
        if (summarized > 0 && _lastSummarized is { } last)
        {
            Record(new AuditEvent(
                time.GetUtcNow(),
                last.Cloud,
                "-",
                AuditActions.ClientAuthFailed,
                "client",
                "-",
                Status: last.Status,
                Detail: string.Create(CultureInfo.InvariantCulture, $"{summarized} more failed authentications, not recorded one by one")));
        }

        var written = 0;
        for (var left = _pending.Count; left > 0;)
        {
            var batch = new List<AuditEvent>(Math.Min(BatchSize, left));
            while (batch.Count < BatchSize && batch.Count < left && _pending.TryDequeue(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                break;
            }

            left -= batch.Count;
            try
            {
                await log.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
                written += batch.Count;
            }
            catch
            {
                // The store is away: the events wait for the next flush (their times are their own).
                foreach (var item in batch)
                {
                    _pending.Enqueue(item);
                }

                throw;
            }
        }

        return written;
    }
}
