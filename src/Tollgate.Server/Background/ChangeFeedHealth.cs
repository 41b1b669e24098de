using Microsoft.Extensions.Options;
using Tollgate.Server.Options;

namespace Tollgate.Server.Background;

/// <summary>
/// Whether this node's view of the store is current: the last change-feed poll succeeded, recently. While
/// it is, what the caches do not hold does not exist (within the one-second coherence bound).
/// </summary>
internal sealed class ChangeFeedHealth(TimeProvider time, IOptions<TollgateServerOptions> options)
{
    private long _lastPolled;

    /// <summary>How old the last successful poll may be: a few poll intervals, at least one second.</summary>
    public TimeSpan MaxLag { get; } = options.Value.ChangeFeedInterval * 3 > TimeSpan.FromSeconds(1) ? options.Value.ChangeFeedInterval * 3 : TimeSpan.FromSeconds(1);

    public bool IsCurrent
    {
        get
        {
            var last = Interlocked.Read(ref _lastPolled);
            return last != 0 && time.GetElapsedTime(last) <= MaxLag;
        }
    }

    /// <summary>Time since the last successful poll; null before the first or after a failure.</summary>
    public TimeSpan? SinceLastPoll
    {
        get
        {
            var last = Interlocked.Read(ref _lastPolled);
            return last == 0 ? null : time.GetElapsedTime(last);
        }
    }

    public void Polled() => Interlocked.Exchange(ref _lastPolled, time.GetTimestamp());

    public void Failed() => Interlocked.Exchange(ref _lastPolled, 0);
}
