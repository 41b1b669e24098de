using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Tollgate client-credentials tokens on an <see cref="IHttpClientBuilder"/>.</summary>
public static class TollgateHttpClientBuilderExtensions
{
    /// <summary>
    /// Every request of this HttpClient carries a bearer token of the configured credential (one token shared
    /// by all requests, refreshed ahead of expiry). The client's base address defaults to the cloud's.
    /// </summary>
    /// <param name="builder">The HttpClient being configured.</param>
    /// <param name="configure">Sets the credential, cloud and scope.</param>
    /// <param name="customerId">For MSP credentials: act for this customer, with customer tokens.</param>
    public static IHttpClientBuilder AddTollgateClientCredentials(this IHttpClientBuilder builder, Action<TollgateClientOptions> configure, string? customerId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var name = builder.Name;
        var tokenClientName = "Tollgate.Tokens:" + name;
        // Checked when the host starts (ValidateOnStart), not at the first request.
        builder.Services.AddOptions<TollgateClientOptions>(name).Configure(configure)
            .Validate(o => o.Problem() is null, "TollgateClientOptions: ClientId and SecretKey (or ClientAssertionKey) are required; Cloud is required; times and counts cannot be negative.")
            .ValidateOnStart();
        builder.Services.AddHttpClient(tokenClientName);
        builder.Services.TryAddKeyedSingleton(name, (sp, _) => new TollgateTokenClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(tokenClientName),
            sp.GetRequiredService<IOptionsMonitor<TollgateClientOptions>>().Get(name),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IDistributedCache>(),
            sp.GetService<Microsoft.Extensions.Caching.Hybrid.HybridCache>()));
        builder.ConfigureHttpClient((sp, http) =>
            http.BaseAddress ??= sp.GetRequiredService<IOptionsMonitor<TollgateClientOptions>>().Get(name).Cloud.BaseAddress);
        return builder.AddHttpMessageHandler(sp =>
        {
            var tokens = sp.GetRequiredKeyedService<TollgateTokenClient>(name);
            return new TollgateTokenHandler(
                customerId is null ? tokens.Default : tokens.ForCustomer(customerId),
                sp.GetService<ILoggerFactory>()?.CreateLogger("Tollgate.Client"));
        });
    }
}
