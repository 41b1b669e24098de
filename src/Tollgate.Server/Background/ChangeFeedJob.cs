using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Server.Options;

namespace Tollgate.Server.Background;

/// <summary>Polls the change feed: what any process changed is honoured on this node within one interval.</summary>
internal sealed class ChangeFeedJob(CacheCoherence coherence, TimeProvider time, IOptions<TollgateServerOptions> options, ILogger<ChangeFeedJob> logger)
    : PeriodicJob(time, logger)
{
    protected override string Name => "change feed";

    protected override TimeSpan Interval => options.Value.ChangeFeedInterval;

    public override Task<int> RunOnceAsync(CancellationToken cancellationToken) => coherence.PollAsync(cancellationToken);
}
