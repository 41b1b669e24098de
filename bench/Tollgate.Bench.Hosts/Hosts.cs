using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using OpenIddict.Validation.AspNetCore;
using Tollgate.Core.Administration;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Server;
using Tollgate.Storage;

namespace Tollgate.Bench.Hosts;

internal static class Hosts
{
    private static readonly byte[] Ok = """{"ok":true}"""u8.ToArray();

    public static async Task<int> CeilingAsync(string url, int bytes)
    {
        // A body the size of Tollgate's token response, written the cheapest way there is.
        var body = Encoding.ASCII.GetBytes("{\"access_token\":\"" + new string('x', Math.Max(0, bytes - 60)) + "\",\"token_type\":\"bearer\",\"expires_in\":1800}");
        var app = Slim(url);
        app.MapPost("/token", async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.Body.WriteAsync(body);
        });
        app.MapGet("/bench/protected", (Delegate)WriteOk);
        await app.RunAsync();
        return 0;
    }

    public static async Task<int> TollgateAsync(string url, string data)
    {
        await using var app = TollgateServer.Build(
            new Dictionary<string, string?>
            {
                ["Tollgate:Store:DataDirectory"] = data,
                ["Tollgate:Clouds:mainline:Url"] = url,
                ["Tollgate:Clouds:govcloud:Enabled"] = "false",
                ["Tollgate:Clouds:govapis:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            },
            mapEndpoints: a => a.MapGet("/bench/protected", (Delegate)WriteOk).RequireTollgateToken(ScopeSet.Read));
        await app.InitializeAsync();
        var bench = new Actor("bench");
        var customer = (await app.Services.GetRequiredService<TenantService>().CreateCustomerAsync(CloudName.Mainline, "Bench", null, null, bench)).Value!;
        var credential = (await app.Services.GetRequiredService<CredentialService>().CreateAsync(OwnerKind.Customer, customer.Id, "bench", ScopeSet.All, [], bench)).Value!;
        await app.ApplyStoreChangesAsync();
        await File.WriteAllTextAsync(Path.Combine(data, "basic.txt"), Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Credential.ClientId}:{credential.SecretKey}")));
        // A credential with a key and no secret (private_key_jwt); `proofs` signs its assertions and the DPoP proofs.
        var keys = Core.Keys.ClientKeySet.TryParse(await Proofs.NewKeysAsync(data), out _);
        var keyed = (await app.Services.GetRequiredService<CredentialService>().CreateAsync(new CredentialSpec(OwnerKind.Customer, customer.Id, "bench-keyed", ScopeSet.All, [], Keys: keys), bench)).Value!;
        await app.ApplyStoreChangesAsync();
        await File.WriteAllTextAsync(Path.Combine(data, "keyed.txt"), keyed.Credential.ClientId);
        await app.StartAsync();
        Console.WriteLine("ready");
        await app.WaitForShutdownAsync();
        return 0;
    }

    public static async Task<int> JwtBearerAsync(string url, string issuer)
    {
        var builder = SlimBuilder(url);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MetadataAddress = issuer + "/.well-known/oauth-authorization-server";
            o.RequireHttpsMetadata = false;
            o.Audience = issuer;
            o.MapInboundClaims = false;
            o.TokenValidationParameters.ValidTypes = ["at+jwt"];
        });
        return await RunProtectedAsync(builder);
    }

    public static async Task<int> OpenIddictValidationAsync(string url, string issuer)
    {
        var builder = SlimBuilder(url);
        builder.Services.AddOpenIddict().AddValidation(o =>
        {
            o.SetIssuer(issuer);
            o.Configure(options => options.ConfigurationEndpoint = new Uri(issuer + "/.well-known/oauth-authorization-server"));
            o.AddAudiences(issuer);
            o.UseSystemNetHttp();
            o.UseAspNetCore();
        });
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        return await RunProtectedAsync(builder);
    }

    /// <summary>The protected endpoint behind whatever authentication scheme the builder registered.</summary>
    private static async Task<int> RunProtectedAsync(WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/bench/protected", (Delegate)WriteOk).RequireAuthorization();
        await app.RunAsync();
        return 0;
    }

    public static int SignRate(double seconds)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = RandomNumberGenerator.GetBytes(600);
        for (var i = 0; i < 2000; i++)
        {
            key.SignData(data, HashAlgorithmName.SHA256);
        }

        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            key.SignData(data, HashAlgorithmName.SHA256);
            count++;
        }

        Console.WriteLine((int)(count / watch.Elapsed.TotalSeconds));
        return 0;
    }

    private static Task WriteOk(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(Ok).AsTask();
    }

    internal static WebApplicationBuilder SlimBuilder(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }

    private static WebApplication Slim(string url) => SlimBuilder(url).Build();
}
