using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Tollgate.Server.Health;
using Tollgate.Server.Hosting;
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

    /// <summary>
    /// With a management listener: it answers the scrape endpoint and the health probes only (404 otherwise), and
    /// the clouds' listeners no longer answer the scrape endpoint.
    /// </summary>
    public static void UseTollgateManagementListener(this WebApplication app, MetricsOptions options)
    {
        if (options.Listen is null)
        {
            return;
        }

        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            var scrape = path.Equals(ScrapePath, StringComparison.Ordinal);
            var probe = path.Equals(TollgateHealth.LivePath, StringComparison.Ordinal) || path.Equals(TollgateHealth.ReadyPath, StringComparison.Ordinal);
            var management = context.Features.Get<ManagementFeature>() is not null;
            if (management ? !(scrape || probe) : scrape)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    public static void MapTollgateTelemetry(this WebApplication app, MetricsOptions options)
    {
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(ScrapePath).ExcludeFromDescription();
        }
    }
}
