using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Stores;
using Tollgate.Server.Options;
using Tollgate.Storage;

namespace Tollgate.Server.Accounts;

/// <summary>ASP.NET Core Identity for console administrators, with the password and lockout rules from <see cref="ConsoleOptions"/>.</summary>
public static class TollgateAccounts
{
    /// <summary>Registers <see cref="AdministratorService"/> (scoped) and Identity on <see cref="IAdministratorStore"/>.</summary>
    public static IServiceCollection AddTollgateAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<AdministratorAccount>()
            .AddTokenProvider<AuthenticatorTokenProvider<AdministratorAccount>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddOptions<IdentityOptions>().Configure<IOptions<TollgateServerOptions>>((identity, tollgate) =>
        {
            var console = tollgate.Value.Console;
            identity.Password.RequiredLength = console.PasswordMinLength;
            identity.Password.RequireDigit = true;
            identity.Password.RequireLowercase = true;
            identity.Password.RequireUppercase = true;
            identity.Password.RequireNonAlphanumeric = true;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = console.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = console.LockoutDuration;
            // The user name is "cloud/e-mail"; the service checks the address itself.
            identity.User.AllowedUserNameCharacters = string.Empty;
            identity.User.RequireUniqueEmail = false;
        });
        services.TryAddScoped<IUserStore<AdministratorAccount>, AdministratorUserStore>();
        services.TryAddScoped<AdministratorService>();
        return services;
    }

    /// <summary>The services an administrator command run outside the server needs (the CLI), on an open store.</summary>
    public static ServiceProvider CreateServices(TollgateServerOptions options, TollgateStore store, TenantService tenants, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(time);
        services.AddSingleton(store.Administrators);
        services.AddSingleton(store.Audit);
        services.AddSingleton(tenants);
        services.AddTollgateAccounts();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
