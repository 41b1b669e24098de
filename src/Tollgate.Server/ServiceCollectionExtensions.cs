using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Authentication;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;
using Tollgate.Server.Accounts;
using Tollgate.Server.Admin;
using Tollgate.Server.Api;
using Tollgate.Server.Background;
using Tollgate.Server.Batching;
using Tollgate.Server.Caching;
using Tollgate.Server.Dpop;
using Tollgate.Server.Health;
using Tollgate.Server.Hosting;
using Tollgate.Server.Observability;
using Tollgate.Server.Msp;
using Tollgate.Server.OAuth;
using Tollgate.Server.OAuth.Grants;
using Tollgate.Server.OpenApi;
using Tollgate.Server.Options;
using Tollgate.Server.Protection;
using Tollgate.Server.WebConsole;
using Tollgate.Storage;

namespace Tollgate.Server;

/// <summary>Service registration for the Tollgate server.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddTollgateServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TollgateServerOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TollgateServerOptions>, TollgateServerOptionsValidator>());
        services.PostConfigure<TollgateServerOptions>(options =>
        {
            if (!options.Tls.SelfSigned)
            {
                return;
            }

            // serve --https: every listener speaks TLS (and its issuer says so).
            foreach (var cloud in options.Clouds.Values)
            {
                if (cloud.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                {
                    cloud.Url = "https://" + cloud.Url["http://".Length..];
                }

                if (cloud.Issuer?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true)
                {
                    cloud.Issuer = "https://" + cloud.Issuer["http://".Length..];
                }
            }
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<TollgateServerOptions>>((hsts, tollgate) =>
        {
            hsts.MaxAge = tollgate.Value.Tls.HstsMaxAge;
            // An operator who turns HSTS on means it for every host name, loopback included.
            hsts.ExcludedHosts.Clear();
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TollgateStore(sp.GetRequiredService<IOptions<TollgateServerOptions>>().Value.Store, sp.GetRequiredService<TimeProvider>()));
        // The store interfaces, and the application services every administrative action goes through.
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().Schema);
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().Msps);
        // Credentials and customer ownership are kept in memory: the stores are wrapped, and everything here
        // (client authentication, the administrative services) goes through the wrapping.
        services.TryAddSingleton(sp => new CachedCustomerStore(sp.GetRequiredService<TollgateStore>().Customers));
        services.TryAddSingleton<ICustomerStore>(sp => sp.GetRequiredService<CachedCustomerStore>());
        services.TryAddSingleton(sp => new CachedCredentialStore(sp.GetRequiredService<TollgateStore>().Credentials, sp.GetRequiredService<ChangeFeedHealth>()));
        services.TryAddSingleton<ICredentialStore>(sp => sp.GetRequiredService<CachedCredentialStore>());
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().Users);
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().Revocations);
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().SigningKeys);
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().Audit);
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().Changes);
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().Protector);
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().Administrators);
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().KeyRing);
        services.TryAddSingleton(sp => sp.GetRequiredService<TollgateStore>().Replays);
        services.AddTollgateAccounts();
        services.AddTollgateHealth();
        services.AddTollgateTelemetry(configuration);
        if (configuration.GetValue($"{nameof(TollgateServerOptions.Console)}:{nameof(ConsoleOptions.Enabled)}", true))
        {
            services.AddTollgateConsole();
        }
        services.TryAddSingleton<TenantService>();
        services.TryAddSingleton<CredentialService>();
        services.TryAddSingleton<SigningKeyService>();
        services.TryAddSingleton<UserService>();
        services.TryAddSingleton<TokenRevocationService>();
        services.TryAddSingleton<CloudRegistry>();
        services.TryAddSingleton<IKeyResolver>(sp => sp.GetRequiredService<CloudRegistry>());
        services.TryAddSingleton<RevocationList>();
        services.TryAddSingleton(sp => new AccessTokenValidator(sp.GetRequiredService<IKeyResolver>(), sp.GetRequiredService<RevocationList>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<AccessTokenIssuer>();
        services.TryAddSingleton<ClientAuthenticator>();
        services.TryAddSingleton<DpopNonces>();
        services.TryAddSingleton<DpopProofs>();
        services.TryAddSingleton<ClientAuthStep>();
        services.TryAddSingleton<ClientAuthGuard>();
        services.TryAddSingleton<TokenQuotas>();
        services.TryAddSingleton<LastUsedBatcher>();
        services.TryAddSingleton<AuditBatcher>();
        services.TryAddSingleton<CustomerTokenMinter>();
        services.TryAddSingleton<ChangeFeedHealth>();
        services.TryAddSingleton<CacheCoherence>();
        // The token endpoint's grants: one handler each.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrantHandler, ClientCredentialsGrant>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrantHandler, TokenExchangeGrant>());
        services.TryAddSingleton<TokenEndpoint>();
        services.TryAddSingleton<DiscoveryEndpoints>();
        services.TryAddSingleton<IntrospectionEndpoint>();
        services.TryAddSingleton<RevocationEndpoint>();
        services.TryAddSingleton<BearerAuthentication>();
        services.TryAddSingleton<AdminAuthorization>();
        services.TryAddSingleton<ApiAccess>();
        // OpenAPI 3.1 (the .NET 10 default) for the APIs: /openapi/v1.json.
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<TollgateDocument>().AddDocumentTransformer<OAuthPaths>());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default));
        services.AddHostedService<ChangeFeedJob>();
        services.AddHostedService<FlushJob>();
        services.AddHostedService<KeyScheduleJob>();
        services.AddHostedService<SweepJob>();
        return services;
    }
}
