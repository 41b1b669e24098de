using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Server.Batching;
using Tollgate.Server.Observability;
using Tollgate.Server.Options;

namespace Tollgate.Server.Background;

/// <summary>Writes the write-behind queues (last-used times, audit events) in batches; and once more when the node stops.</summary>
internal sealed class FlushJob(LastUsedBatcher lastUsed, AuditBatcher audit, TollgateMetrics metrics, TimeProvider time, IOptions<TollgateServerOptions> options, ILogger<FlushJob> logger)
    : PeriodicJob(time, logger)
{
    protected override string Name => "flush";

    protected override TimeSpan Interval => options.Value.FlushInterval;

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            written += await lastUsed.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // One queue's failure does not hold the other back.
            written += await audit.FlushAsync(cancellationToken).ConfigureAwait(false);
            metrics.Flushed(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        return written;
    }

    protected override async Task StoppedAsync()
    {
        await RunLoggedAsync(() => lastUsed.FlushAsync(CancellationToken.None)).ConfigureAwait(false);
        await RunLoggedAsync(() => audit.FlushAsync(CancellationToken.None)).ConfigureAwait(false);
    }
}
