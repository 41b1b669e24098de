using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tollgate.Core.Stores;
using Tollgate.Server.Background;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.Health;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the store answers, every cloud has a signing
/// key, and the change feed is current), on ASP.NET Core's health checks, for a load balancer's probes.
/// </summary>
internal static class TollgateHealth
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string Ready = "ready";

    public static IServiceCollection AddTollgateHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreCheck>("store", tags: [Ready])
            .AddCheck<SigningKeysCheck>("signing-keys", tags: [Ready])
            .AddCheck<ChangeFeedCheck>("change-feed", tags: [Ready]);
        return services;
    }

    public static void MapTollgateHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).ExcludeFromDescription();
        routes.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).ExcludeFromDescription();
    }

    /// <summary>{"status":"Healthy","checks":{"store":"Healthy",…}}: names and states only, never an exception's text.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", report.Status.ToString());
            writer.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                writer.WriteString(name, entry.Status.ToString());
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).AsTask();
    }

    /// <summary>The store answers a read within two seconds.</summary>
    private sealed class StoreCheck(IStoreSchema schema) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                return await schema.ExistsAsync(timeout.Token).ConfigureAwait(false) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The store holds no schema.");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or OperationCanceledException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("The store does not answer.");
            }
        }
    }

    /// <summary>Every cloud has a key to sign with now.</summary>
    private sealed class SigningKeysCheck(CloudRegistry clouds) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(clouds.Clouds.All(c => clouds.Ring(c.Name).Keys.Count > 0)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("A cloud has no signing key."));
    }

    /// <summary>The last change-feed poll succeeded within its bound: this node's caches are current.</summary>
    private sealed class ChangeFeedCheck(ChangeFeedHealth feed) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(feed.IsCurrent ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The change feed lags."));
    }
}
