using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Tollgate.Server.Options;

namespace Tollgate.Server.Observability;

/// <summary>OpenTelemetry metrics, when asked for: Tollgate's meter and ASP.NET Core's <c>http.server.*</c> and Kestrel meters.</summary>
internal static class TollgateTelemetry
{
    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddTollgateTelemetry(this IServiceCollection services, IConfiguration tollgate)
    {
        services.AddMetrics();
        services.AddSingleton<TollgateMetrics>();
        var options = tollgate.GetSection(nameof(TollgateServerOptions.Metrics)).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Prometheus && string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(TollgateMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
            if (options.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }

            if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
            {
                metrics.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
            }
        });
        return services;
    }

    public static void MapTollgateTelemetry(this WebApplication app, MetricsOptions options)
    {
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(ScrapePath).ExcludeFromDescription();
        }
    }
}
