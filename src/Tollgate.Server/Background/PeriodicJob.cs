using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tollgate.Server.Background;

/// <summary>
/// One background job of a node, run every <see cref="Interval"/> on timers of the <see cref="TimeProvider"/>
/// (so a fake clock drives it in tests). A failed run is logged and retried at the next tick; none runs on a request.
/// </summary>
internal abstract class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One run of the job; returns how much it did.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>What to do once the node stops (nothing, unless a job has work in hand).</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // One delay after each run rather than a PeriodicTimer: a run that overruns its interval is not
            // followed by a burst of catch-up ticks, and a test clock moved a month ahead fires once, not once per
            // missed period (FakeTimeProvider replays every period of a periodic timer).
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
                await RunSafelyAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StoppedAsync().ConfigureAwait(false);
        }
    }

    private async Task RunSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.BackgroundFailed(logger, ex, Name);
        }
    }

    /// <summary>Runs <paramref name="work"/>, logging a failure instead of throwing (for work done on the way out).</summary>
    protected async Task RunLoggedAsync(Func<Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.BackgroundFailed(logger, ex, Name);
        }
    }
}
