using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.Tokens;
using Tollgate.Server.Caching;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;
using Tollgate.Storage;

namespace Tollgate.Server.Background;

/// <summary>
/// The node's background loop: polls the change feed, flushes last-used times, and a few times a minute
/// sweeps expired cache entries and keeps the signing-key schedule. None of it runs on a request.
/// </summary>
internal sealed class CoherenceService(
    CacheCoherence coherence,
    UsageRecorder usage,
    ActivityRecorder activity,
    CloudRegistry clouds,
    SigningKeyStore keys,
    AccessTokenValidator validator,
    RevocationList revocations,
    ChangeFeed feed,
    TimeProvider time,
    IOptions<TollgateServerOptions> options,
    ILogger<CoherenceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.ChangeFeedInterval);
        var lastFlush = time.GetTimestamp();
        var lastHousekeeping = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunAsync("change feed", () => coherence.PollAsync(stoppingToken)).ConfigureAwait(false);
                if (time.GetElapsedTime(lastFlush) >= settings.FlushInterval)
                {
                    lastFlush = time.GetTimestamp();
                    await RunAsync("last-used flush", () => usage.FlushAsync(stoppingToken)).ConfigureAwait(false);
                    await RunAsync("activity flush", () => activity.FlushAsync(stoppingToken)).ConfigureAwait(false);
                }

                if (time.GetElapsedTime(lastHousekeeping) >= settings.Signing.CheckInterval)
                {
                    lastHousekeeping = time.GetTimestamp();
                    await RunAsync("housekeeping", () => HousekeepingAsync(stoppingToken)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Write what is pending on a clean stop.
            await RunAsync("last-used flush", () => usage.FlushAsync(CancellationToken.None)).ConfigureAwait(false);
            await RunAsync("activity flush", () => activity.FlushAsync(CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps the key schedule, and sweeps what can no longer matter.</summary>
    public async Task<int> HousekeepingAsync(CancellationToken cancellationToken)
    {
        var signing = options.Value.Signing;
        foreach (var cloud in clouds.Clouds)
        {
            if (await keys.MaintainAsync(cloud, signing.Algorithm, signing.RotationInterval, signing.PublishAhead, cancellationToken).ConfigureAwait(false))
            {
                Log.KeyScheduleChanged(logger, cloud.Name.Value);
            }
        }

        validator.Sweep();
        var now = time.GetUtcNow();
        revocations.Prune(now, clouds.MaxTokenLifetime);
        return await feed.PruneAsync(now - TimeSpan.FromDays(1), cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(string task, Func<Task<int>> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.BackgroundFailed(logger, ex, task);
        }
    }
}
