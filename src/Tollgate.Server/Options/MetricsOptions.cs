namespace Tollgate.Server.Options;

/// <summary><c>Tollgate:Metrics</c>: where the <c>Tollgate</c> meter and ASP.NET Core's own meters go (OpenTelemetry).</summary>
public sealed class MetricsOptions
{
    /// <summary>Serve a Prometheus scrape endpoint at <c>/metrics</c>: on <see cref="Listen"/> when set, else on every cloud's listener.</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// A management listener (for example <c>http://127.0.0.1:9464</c>) that serves <c>/metrics</c> and the health
    /// probes and nothing else; the clouds' listeners then no longer serve <c>/metrics</c>. None by default.
    /// </summary>
    public string? Listen { get; set; }

    /// <summary>An OTLP collector to push to (for example <c>http://127.0.0.1:4317</c>); none by default.</summary>
    public string? OtlpEndpoint { get; set; }
}
