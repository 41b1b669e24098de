using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;
using Tollgate.Core.OAuth;
using Tollgate.Server.Admin;
using Tollgate.Server.Api;
using Tollgate.Server.Background;
using Tollgate.Server.Health;
using Tollgate.Server.Hosting;
using Tollgate.Server.Observability;
using Tollgate.Server.Msp;
using Tollgate.Server.OAuth;
using Tollgate.Server.Options;
using Tollgate.Server.UserManagement;
using Tollgate.Server.WebConsole;

namespace Tollgate.Server;

/// <summary>Builds and starts the Tollgate host: every enabled cloud on its own listener, one process.</summary>
public static class TollgateServer
{
    /// <summary>Where the OpenAPI document of the APIs is served, on every cloud's listener.</summary>
    public const string OpenApiPath = "/openapi/{documentName}.json";

    /// <summary>The configuration key of the log format: <c>text</c> (the default) or <c>json</c> (<c>serve --log-format json</c>).</summary>
    public const string LogFormatKey = "Tollgate:LogFormat";

    /// <summary>
    /// Creates the application from the usual ASP.NET Core configuration (appsettings.json, <c>Tollgate__…</c>
    /// environment variables) plus <paramref name="overrides"/> (the command line's flags), which win.
    /// </summary>
    /// <param name="overrides">Configuration that wins over every other source.</param>
    /// <param name="configureServices">Registrations made before Tollgate's own (they win where Tollgate uses TryAdd).</param>
    /// <param name="args">Command-line arguments for the configuration.</param>
    /// <param name="mapEndpoints">Maps endpoints of your own beside Tollgate's (see <see cref="EndpointConventionExtensions.RequireTollgateToken"/>).</param>
    public static WebApplication Build(
        IEnumerable<KeyValuePair<string, string?>> overrides,
        Action<IServiceCollection>? configureServices = null,
        string[]? args = null,
        Action<WebApplication>? mapEndpoints = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = Directory.GetCurrentDirectory() });
        // Lowest-precedence defaults: ASP.NET Core's per-request lines ("Request starting…") would cost more
        // than the token itself; appsettings.json or Logging__LogLevel__… can still turn them on.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            // Microsoft.Hosting.Lifetime's "Now listening on" would say a second time what `serve` says once per cloud,
            // and the host's "Hosting failed to start" (a port in use) is a stack trace where the caller prints one line.
            InitialData =
            [
                new("Logging:LogLevel:Default", "Information"),
                new("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
                new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"),
                new("Logging:LogLevel:Microsoft.Extensions.Hosting", "Critical"),
                // Data Protection warns that it has no XML encryptor: the store encrypts the console's key ring itself
                // (EfKeyRingStore, with the master key), so the warning would say something untrue.
                new("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error"),
            ],
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        if (string.Equals(builder.Configuration[LogFormatKey], "json", StringComparison.OrdinalIgnoreCase))
        {
            // One JSON object per line (for a log shipper), UTC timestamps; the same events and fields as the text format.
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }

        configureServices?.Invoke(builder.Services);
        builder.Services.AddTollgateServer(builder.Configuration.GetSection(TollgateServerOptions.Section));
        builder.WebHost.UseKestrel(ConfigureListeners);

        var app = builder.Build();
        app.Use(static (context, next) =>
        {
            SetContentTypeOptions(context.Response);
            return next(context);
        });
        var settings = app.Services.GetRequiredService<IOptions<TollgateServerOptions>>().Value;
        app.UseTollgateManagementListener(settings.Metrics);
        if (settings.Tls.Hsts)
        {
            // RFC 6797: on HTTPS answers only (the middleware skips plain HTTP).
            app.UseHsts();
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleExceptionAsync, StatusCodeSelector = StatusFor });
        app.UseStatusCodePages(WriteStatusAsync);
        var console = app.Services.GetRequiredService<IOptions<TollgateServerOptions>>().Value.Console.Enabled;
        if (console)
        {
            app.UseTollgateConsole();
        }

        MapEndpoints(app);
        if (console)
        {
            app.MapTollgateConsole();
        }

        mapEndpoints?.Invoke(app);
        return app;
    }

    /// <summary>Migrates the store, keeps the key schedule and warms the caches; call before <c>StartAsync</c>.</summary>
    public static async Task InitializeAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        await services.GetRequiredService<IStoreSchema>().MigrateAsync(cancellationToken);
        var options = services.GetRequiredService<IOptions<TollgateServerOptions>>().Value;
        var keys = services.GetRequiredService<SigningKeyService>();
        foreach (var cloud in services.GetRequiredService<CloudRegistry>().Clouds)
        {
            await keys.MaintainAsync(cloud, options.Signing.Algorithm, options.Signing.RotationInterval, options.Signing.PublishAhead, cancellationToken);
        }

        await services.GetRequiredService<CacheCoherence>().InitializeAsync(cancellationToken);
    }

    /// <summary>
    /// Applies every change committed to the store so far, now rather than at the next change-feed poll: for a
    /// host that writes to the store itself (seeding, tests) and serves the result at once.
    /// </summary>
    public static Task<int> ApplyStoreChangesAsync(this WebApplication app, CancellationToken cancellationToken = default) =>
        (app ?? throw new ArgumentNullException(nameof(app))).Services.GetRequiredService<CacheCoherence>().PollAsync(cancellationToken);

    /// <summary>The enabled clouds and their issuers, as this process serves them.</summary>
    public static IReadOnlyList<CloudDefinition> Clouds(this WebApplication app) =>
        [.. (app ?? throw new ArgumentNullException(nameof(app))).Services.GetRequiredService<CloudRegistry>().Clouds];

    private static void MapEndpoints(WebApplication app)
    {
        var token = app.Services.GetRequiredService<TokenEndpoint>();
        var discovery = app.Services.GetRequiredService<DiscoveryEndpoints>();
        var introspection = app.Services.GetRequiredService<IntrospectionEndpoint>();
        var revocation = app.Services.GetRequiredService<RevocationEndpoint>();
        app.MapPost("/token", token.HandleCustomerAsync).WithMetadata(OAuthSurface.Instance);
        app.MapPost("/msp/auth/v1/token", token.HandleMspAsync).WithMetadata(OAuthSurface.Instance);
        app.MapPost("/introspect", introspection.HandleAsync).WithMetadata(OAuthSurface.Instance);
        app.MapPost("/revoke", revocation.HandleAsync).WithMetadata(OAuthSurface.Instance);
        app.MapGet(DiscoveryEndpoints.MetadataPath, discovery.MetadataAsync);
        app.MapGet(DiscoveryEndpoints.JwksPath, discovery.JwksAsync);
        app.MapUsers();
        app.MapCustomers();
        app.MapCustomerToken();
        app.MapAdminCredentials();
        app.MapAdminTenants();
        app.MapAdminKeys();
        app.MapAdminAudit();
        app.MapAdminAdministrators();
        app.MapOpenApi(OpenApiPath);
        app.MapTollgateHealth();
        app.MapTollgateTelemetry(app.Services.GetRequiredService<IOptions<TollgateServerOptions>>().Value.Metrics);
    }

    private static void ConfigureListeners(WebHostBuilderContext context, KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        // The https listeners' certificate is Kestrel's own setting (Kestrel:Certificates:Default: a PEM or PFX file,
        // a PEM key, a password). Only that part of the Kestrel section is read: every listener is a cloud's.
        kestrel.Configure(KestrelCertificates(context.Configuration), reloadOnChange: false);
        kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        var clouds = kestrel.ApplicationServices.GetRequiredService<CloudRegistry>();
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<TollgateServerOptions>>().Value;
        var selfSigned = options.Tls.SelfSigned
            ? SelfSignedCertificate.LoadOrCreate(options.Store.DataDirectory, kestrel.ApplicationServices.GetRequiredService<TimeProvider>())
            : null;
        var certificate = selfSigned is not null || context.Configuration[CertificatePathKey] is { Length: > 0 };
        foreach (var cloud in clouds.Clouds)
        {
            // Every request on this listener belongs to this cloud.
            Listen(kestrel, $"Cloud '{cloud.Name}'", new Uri(options.Clouds[cloud.Name.Value].Url), certificate, selfSigned, new CloudFeature(cloud));
        }

        if (options.Metrics.Listen is { } management)
        {
            Listen(kestrel, "The management listener", new Uri(management), certificate, selfSigned, ManagementFeature.Instance);
        }
    }

    /// <summary>One listener: TLS when the URL says https, and <paramref name="feature"/> on each of its connections.</summary>
    private static void Listen<TFeature>(KestrelServerOptions kestrel, string what, Uri url, bool certificate, System.Security.Cryptography.X509Certificates.X509Certificate2? selfSigned, TFeature feature)
    {
        var https = url.Scheme == Uri.UriSchemeHttps;
        if (https && !certificate)
        {
            // Kestrel would fall back to a developer certificate and say so in its own terms; say it in Tollgate's.
            throw new InvalidOperationException(
                $"{what} listens on {url} but no certificate is configured: set {CertificatePathKey} (with KeyPath for a PEM key, or Password for a PFX), or use serve --https for a self-signed one.");
        }

        void Configure(ListenOptions listen)
        {
            if (https)
            {
                // HTTP/2 where the client offers it in ALPN, HTTP/1.1 otherwise.
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (selfSigned is not null)
                {
                    listen.UseHttps(selfSigned);
                }
                else
                {
                    listen.UseHttps();
                }
            }

            listen.Use(next => connection =>
            {
                connection.Features.Set(feature);
                return next(connection);
            });
        }

        if (url.IsLoopback && url.Host == "localhost")
        {
            kestrel.ListenLocalhost(url.Port, Configure);
        }
        else if (url.Host is "*" or "+" or "0.0.0.0")
        {
            kestrel.ListenAnyIP(url.Port, Configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(url.Host.Trim('[', ']')), url.Port, Configure);
        }
    }

    private const string CertificatePathKey = "Kestrel:Certificates:Default:Path";

    /// <summary>The <c>Kestrel:Certificates</c> part of the configuration, as a Kestrel section of its own.</summary>
    private static IConfiguration KestrelCertificates(IConfiguration configuration)
    {
        const string Prefix = "Kestrel:";
        var certificates = configuration.GetSection(Prefix + "Certificates").AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => new KeyValuePair<string, string?>(pair.Key[Prefix.Length..], pair.Value));
        return new ConfigurationBuilder().AddInMemoryCollection(certificates).Build();
    }

    private static int StatusFor(Exception exception) => exception switch
    {
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => bad.StatusCode,
        _ when StoreUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The database could not be reached (a restart, a failover): a retryable 503, not a bug.</summary>
    private static bool StoreUnavailable(Exception exception) =>
        exception is System.Data.Common.DbException or TimeoutException
        || (exception.InnerException is { } inner && StoreUnavailable(inner));

    /// <summary>Every answer is JSON or a file of a known type: browsers must not sniff another type into it.</summary>
    private static void SetContentTypeOptions(HttpResponse response) => response.Headers.XContentTypeOptions = "nosniff";

    private static Task HandleExceptionAsync(HttpContext context)
    {
        var failure = context.Features.Get<IExceptionHandlerFeature>();
        var exception = failure?.Error;
        var response = context.Response;
        SetContentTypeOptions(response); // the exception handler cleared the headers
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TollgateServer));
        var oauth = failure?.Endpoint?.Metadata.GetMetadata<OAuthSurface>() is not null;
        context.SetEndpoint(failure?.Endpoint); // the handler cleared it; the surface writers read its metadata
        if (response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            // Documented choice: while the store is down, whatever is cached keeps working (tokens for known
            // credentials, every API check); what needs the store gets 503 with Retry-After, and clients retry.
            Log.StoreUnavailable(logger, context.Request.Method, context.Request.Path, exception?.GetType().Name ?? "unknown");
            return oauth
                ? OAuthResults.WriteTokenErrorAsync(context, new OAuthError(OAuthErrors.TemporarilyUnavailable, ApiProblem.StoreUnavailable.Message))
                : ApiResults.WriteAsync(context, ApiProblem.StoreUnavailable);
        }

        // Bugs land here. The client gets a plain message; the log gets the exception, never the request body.
        if (exception is not null and not Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            Log.Unhandled(logger, exception, context.Request.Method, context.Request.Path);
        }

        return response.StatusCode >= 500
            ? ApiResults.WriteAsync(context, new ApiProblem(ApiProblemKind.Internal, "The request could not be processed."))
            : ApiResults.WriteAsync(context, ApiProblem.BadRequest("The request is malformed."));
    }

    private static Task WriteStatusAsync(StatusCodeContext status) =>
        ConsoleRegistration.IsConsole(status.HttpContext) ? ConsoleRegistration.WriteStatusPageAsync(status.HttpContext) : ApiResults.WriteAsync(status.HttpContext, status.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ApiProblem.NotFound("No such resource."),
            StatusCodes.Status405MethodNotAllowed => new ApiProblem(ApiProblemKind.MethodNotAllowed, "This method is not allowed on this resource."),
            // Routing refuses a body of a type the endpoint does not accept (its Accepts metadata) before it runs.
            StatusCodes.Status415UnsupportedMediaType => new ApiProblem(ApiProblemKind.UnsupportedMediaType, "Send the body as application/json."),
            _ => new ApiProblem(ApiProblemKind.Other, "The request failed."),
        });
}
