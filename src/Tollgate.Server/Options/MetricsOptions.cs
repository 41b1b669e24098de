namespace Tollgate.Server.Options;

/// <summary><c>Tollgate:Metrics</c>: where the <c>Tollgate</c> meter and ASP.NET Core's own meters go (OpenTelemetry).</summary>
public sealed class MetricsOptions
{
    /// <summary>Serve a Prometheus scrape endpoint at <c>/metrics</c> on every cloud's listener.</summary>
    public bool Prometheus { get; set; }

    /// <summary>An OTLP collector to push to (for example <c>http://127.0.0.1:4317</c>); none by default.</summary>
    public string? OtlpEndpoint { get; set; }
}
