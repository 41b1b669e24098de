using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;
using Tollgate.Server.Dpop;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;

namespace Tollgate.Server.Background;

/// <summary>Sweeps what can no longer matter: expired validated tokens, spent revocations, old change-feed rows, spent one-time values.</summary>
internal sealed class SweepJob(
    AccessTokenValidator validator,
    RevocationList revocations,
    CloudRegistry clouds,
    IChangeLog changes,
    IReplayStore replays,
    DpopProofs proofs,
    TimeProvider time,
    IOptions<TollgateServerOptions> options,
    ILogger<SweepJob> logger) : PeriodicJob(time, logger)
{
    /// <summary>Nodes read only the newest rows of the change feed; a day is ample for one that was stopped.</summary>
    private static readonly TimeSpan ChangeRetention = TimeSpan.FromDays(1);

    protected override string Name => "sweep";

    protected override TimeSpan Interval => options.Value.Signing.CheckInterval;

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        validator.Sweep();
        var now = Time.GetUtcNow();
        revocations.Prune(now, clouds.MaxTokenLifetime);
        proofs.Sweep();
        await replays.PruneAsync(now, cancellationToken).ConfigureAwait(false);
        return await changes.PruneAsync(now - ChangeRetention, cancellationToken).ConfigureAwait(false);
    }
}
