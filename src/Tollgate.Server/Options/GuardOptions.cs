namespace Tollgate.Server.Options;

/// <summary>
/// <c>Tollgate:Guard</c>: throttling of failed client authentications (and console sign-ins), per node. Past a
/// threshold the answer is 429 with Retry-After, the wait doubling with every further failure.
/// </summary>
public sealed class GuardOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Failures of one client id from one address before it is throttled there (its owner elsewhere is not).</summary>
    public int ClientThreshold { get; set; } = 5;

    /// <summary>Failures from one address, whatever the client ids, before that address is throttled.</summary>
    public int SourceThreshold { get; set; } = 100;

    /// <summary>A failure is forgotten this long after the last one.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first wait past a threshold; each further failure doubles it, up to <see cref="MaxBlock"/>.</summary>
    public TimeSpan BaseBlock { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBlock { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A throttled request is answered after this delay (never longer than its wait): a flood on a few connections
    /// then slows to a trickle instead of taking the CPU its 429s would cost. Zero answers at once.
    /// </summary>
    public TimeSpan Tarpit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many counters are kept per kind (a flood of random client ids cannot grow memory without bound).</summary>
    public int MaxEntries { get; set; } = 100_000;
}
