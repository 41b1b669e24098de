using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;
using Tollgate.Server.Accounts;
using Tollgate.Server.Hosting;
using Tollgate.Server.OAuth;
using Tollgate.Server.Options;

namespace Tollgate.Server.WebConsole;

/// <summary>
/// The web console at <c>/console</c>: Razor Pages rendered on the server, a cookie session per cloud, antiforgery
/// on every form, and a strict Content-Security-Policy. Everything it shows and changes goes through the same
/// application services as the CLI and the admin API.
/// </summary>
internal static class ConsoleRegistration
{
    public const string Prefix = "/console";
    private const string CookieName = "tollgate.console";

    public static IServiceCollection AddTollgateConsole(this IServiceCollection services)
    {
        // The console's cookie is its only authentication scheme; without this switch ASP.NET Core would make the only
        // scheme the default and read the cookie on every request, the token endpoint's included.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/WebConsole/Pages";
            o.Conventions.AuthorizeFolder("/", ConsoleSession.Policy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/SignInCode");
        }).AddApplicationPart(typeof(ConsoleRegistration).Assembly);
        services.AddAuthentication().AddCookie(ConsoleSession.Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = Prefix;
            o.CookieManager = new CloudCookieManager();
            o.SlidingExpiration = true;
            o.LoginPath = Prefix + "/sign-in";
            o.LogoutPath = Prefix + "/sign-out";
            o.AccessDeniedPath = Prefix + "/sign-in/code";
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(ConsoleSession.Scheme)
            .Configure<IOptions<TollgateServerOptions>>((cookie, tollgate) => cookie.ExpireTimeSpan = tollgate.Value.Console.IdleTimeout);
        services.AddAuthorizationBuilder().AddPolicy(ConsoleSession.Policy, p =>
            p.AddAuthenticationSchemes(ConsoleSession.Scheme).RequireClaim(ConsoleSession.StageClaim, ConsoleSession.FullStage));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "tollgate.antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = Prefix;
            o.FormFieldName = "__RequestVerificationToken";
            // Every console answer says DENY (ConsoleHeaders); antiforgery's own SAMEORIGIN would contradict it.
            o.SuppressXFrameOptionsHeader = true;
        });
        // The cookie keys live in the store, encrypted with its master key: every node reads every node's cookies.
        services.AddDataProtection().SetApplicationName("Tollgate");
        services.AddOptions<KeyManagementOptions>().Configure<IKeyRingStore>((o, ring) => o.XmlRepository = new StoreXmlRepository(ring));
        return services;
    }

    /// <summary>The console's pipeline: its security headers, then authentication and authorization (a no-op for every other path).</summary>
    public static void UseTollgateConsole(this WebApplication app)
    {
        app.UseWhen(IsConsole, branch => branch.Use(static (context, next) =>
        {
            ConsoleHeaders(context.Response);
            if (FormReader.HasUnsupportedCharset(context.Request))
            {
                // A form in utf-7 (or a charset to look up) would make the framework's form reader throw: refused first.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return WriteStatusPageAsync(context);
            }

            return next(context);
        }));
        app.UseAuthentication();
        app.UseAuthorization();
    }

    public static void MapTollgateConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapRazorPages();
        routes.MapGet(Prefix + "/assets/{name}", Asset).ExcludeFromDescription();
        routes.MapPost(Prefix + "/sign-out", SignOutAsync).ExcludeFromDescription();
    }

    public static bool IsConsole(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A console error (not found, refused, a form without its antiforgery token) as a page, not JSON.</summary>
    public static Task WriteStatusPageAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (title, text) = status switch
        {
            StatusCodes.Status404NotFound => ("Not found", "There is nothing here, or nothing you may see."),
            StatusCodes.Status403Forbidden => ("Not allowed", "Your role does not allow this."),
            StatusCodes.Status400BadRequest => ("Refused", "The form was stale or incomplete. Go back, reload the page and try again."),
            _ => ("Something went wrong", "The request could not be completed."),
        };
        ConsoleHeaders(context.Response);
        context.Response.ContentType = "text/html; charset=utf-8";
        var body = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{title} · Tollgate console</title><link rel=\"stylesheet\" href=\"{Prefix}/assets/console.css\"></head>" +
            $"<body><main><h1>{title} ({status})</h1><p>{text}</p><p><a href=\"{Prefix}\">Back to the console</a></p></main></body></html>";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static void ConsoleHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // A page may hold a secret shown once: never stored by the browser or a proxy.
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
    }

    private static IResult Asset(string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : typeof(ConsoleRegistration).Assembly.GetManifestResourceStream("console/" + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        // The form's token is bound to the signed-in administrator: validate it as that user.
        if (await context.AuthenticateAsync(ConsoleSession.Scheme) is { Succeeded: true } session)
        {
            context.User = session.Principal;
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        await context.SignOutAsync(ConsoleSession.Scheme);
        return Results.Redirect(Prefix + "/sign-in");
    }

    /// <summary>
    /// Every console request: the session's cloud is this listener's, and the account is still enabled with the
    /// same security stamp (disabled, reset or re-enrolled, on any node, ends the session at its next request).
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var principal = context.Principal;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(ConsoleSession.StampClaim);
        var cloud = principal?.FindFirstValue(ConsoleSession.CloudClaim);
        var account = id is null || stamp is null || !CloudName.TryParse(cloud, out var name) || name != http.GetCloud().Name
            ? null
            : await http.RequestServices.GetRequiredService<AdministratorService>().CurrentAsync(id, stamp, http.RequestAborted);
        if (account is null)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(ConsoleSession.Scheme);
            return;
        }

        if (principal!.FindFirstValue(ConsoleSession.StageClaim) == ConsoleSession.FullStage)
        {
            http.Features.Set(new ConsoleSession(account));
        }
    }
}
