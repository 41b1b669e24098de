using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Tollgate.Bench.Hosts;

/// <summary>The peer a .NET team would otherwise pick: OpenIddict's client-credentials server as its documentation sets it up.</summary>
internal static class OpenIddictServer
{
    public static async Task<int> RunAsync(string url, string data, bool noStorage)
    {
        Directory.CreateDirectory(data);
        var builder = Hosts.SlimBuilder(url);
        builder.Services.AddDbContext<DbContext>(o =>
        {
            o.UseSqlite($"Data Source={Path.Combine(data, "openiddict.db")}");
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("token");
                o.AllowClientCredentialsFlow();
                o.RegisterScopes("read", "write");
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey(); // RSA-2048, the defaults
                o.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
                if (noStorage)
                {
                    o.DisableTokenStorage();
                }
            });
        var app = builder.Build();
        app.MapPost("/token", (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DbContext>().Database.EnsureCreatedAsync();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            if (await applications.FindByClientIdAsync("bench") is null)
            {
                await applications.CreateAsync(new OpenIddictApplicationDescriptor
                {
                    ClientId = "bench",
                    ClientSecret = "bench-secret-0123456789",
                    ClientType = ClientTypes.Confidential,
                    Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + "read" },
                });
            }
        }

        await app.RunAsync();
        return 0;
    }
}
