using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;

namespace Tollgate.Server.Background;

/// <summary>Keeps every cloud's signing-key schedule (next key published ahead, retired keys removed).</summary>
internal sealed class KeyScheduleJob(SigningKeyService keys, CloudRegistry clouds, TimeProvider time, IOptions<TollgateServerOptions> options, ILogger<KeyScheduleJob> logger)
    : PeriodicJob(time, logger)
{
    protected override string Name => "key schedule";

    protected override TimeSpan Interval => options.Value.Signing.CheckInterval;

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var signing = options.Value.Signing;
        var changed = 0;
        foreach (var cloud in clouds.Clouds)
        {
            if (await keys.MaintainAsync(cloud, signing.Algorithm, signing.RotationInterval, signing.PublishAhead, cancellationToken).ConfigureAwait(false))
            {
                Log.KeyScheduleChanged(logger, cloud.Name.Value);
                // This node made the change: it needs no change feed to see it.
                await clouds.ReloadAsync(cloud.Name, cancellationToken).ConfigureAwait(false);
                changed++;
            }
        }

        return changed;
    }
}
