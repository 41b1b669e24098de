using Tollgate.Storage;

namespace Tollgate.Server.Options;

/// <summary>Everything <c>tollgate serve</c> reads from the <c>Tollgate</c> configuration section.</summary>
public sealed class TollgateServerOptions
{
    public const string Section = "Tollgate";

    /// <summary>The clouds this process serves, by name. Defaults: mainline :5080, govcloud :5081 (900 s customer tokens), govapis :5082.</summary>
    public Dictionary<string, CloudOptions> Clouds { get; } = new(StringComparer.Ordinal)
    {
        ["mainline"] = new() { Url = "http://127.0.0.1:5080" },
        ["govcloud"] = new() { Url = "http://127.0.0.1:5081", CustomerTokenLifetimeSeconds = 900 },
        ["govapis"] = new() { Url = "http://127.0.0.1:5082" },
    };

    public StoreOptions Store { get; } = new();

    public SigningOptions Signing { get; } = new();

    public ConsoleOptions Console { get; } = new();

    public GuardOptions Guard { get; } = new();

    /// <summary>DPoP proofs (RFC 9449): nonces and how old a proof may be.</summary>
    public DpopOptions Dpop { get; } = new();

    public MetricsOptions Metrics { get; } = new();

    public CompatibilityOptions Compatibility { get; } = new();

    public TlsOptions Tls { get; } = new();

    /// <summary>How often the change feed is polled; bounds how stale a node's caches can be.</summary>
    public TimeSpan ChangeFeedInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often last-used times and audit events are written, in batches.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Load every credential into memory at start (about 400 bytes each), so no token request waits for the
    /// store. Off: credentials are loaded on first use and kept.
    /// </summary>
    public bool PreloadCredentials { get; set; } = true;

    /// <summary>The largest request body accepted by the OAuth endpoints, in bytes.</summary>
    public int MaxFormBytes { get; set; } = 8 * 1024;

    /// <summary>The largest JSON body accepted by the APIs, in bytes.</summary>
    public int MaxJsonBytes { get; set; } = 64 * 1024;
}
