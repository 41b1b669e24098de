using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Tollgate.Core.Clouds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollgate.Server;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;
using Tollgate.Server.Demo;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate serve [--listen CLOUD=URL]… [--demo] [--https]</c>: every configured cloud on its own listener.</summary>
internal static class ServeCommand
{
    public static Command Build(TextWriter output)
    {
        var listen = new Option<string[]>("--listen") { Description = "CLOUD=URL, e.g. mainline=http://127.0.0.1:5080; repeatable." };
        var demo = new Option<bool>("--demo") { Description = "Seed demo data once (an MSP, two customers, users, credentials) and print it." };
        var logFormat = new Option<string>("--log-format") { Description = "text (default) or json: one JSON object per log line." };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var https = new Option<bool>("--https") { Description = "Serve every cloud over HTTPS with a self-signed certificate made in the data folder (local use)." };
        var command = new Command("serve", "Run the token service and APIs of every configured cloud.") { listen, demo, https, logFormat };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = CommonOptions.Overrides(parse);
            if (parse.GetValue(logFormat) is { } format)
            {
                overrides[TollgateServer.LogFormatKey] = format;
            }

            if (parse.GetValue(https))
            {
                overrides["Tollgate:Tls:SelfSigned"] = "true";
            }

            foreach (var item in parse.GetValue(listen) ?? [])
            {
                var parts = item.Split('=', 2);
                if (parts.Length != 2 || !CloudName.TryParse(parts[0], out var cloud) || !Uri.TryCreate(parts[1], UriKind.Absolute, out _))
                {
                    throw new CliException($"--listen takes CLOUD=URL (e.g. mainline=http://127.0.0.1:5080), not '{item}'.");
                }

                overrides[$"Tollgate:Clouds:{cloud}:Url"] = parts[1];
            }

            await using var app = TollgateServer.Build(overrides);
            await app.InitializeAsync(cancellationToken);
            var clouds = app.Clouds();
            if (parse.GetValue(demo))
            {
                var mainline = clouds.FirstOrDefault(c => c.Name == CloudName.Mainline) ?? clouds[0];
                var data = await DemoSeeder.SeedAsync(app.Services, mainline.Name, cancellationToken);
                await app.ApplyStoreChangesAsync(cancellationToken); // served from the first request, not the first poll
                DemoPrinter.Print(output, data, mainline);
            }

            await app.StartAsync(cancellationToken);
            foreach (var cloud in clouds)
            {
                output.WriteLine($"Tollgate {cloud.Name} ready at {cloud.Issuer}");
            }

            var options = app.Services.GetRequiredService<IOptions<TollgateServerOptions>>().Value;
            if (options.Tls.SelfSigned)
            {
                var certificate = Path.GetFullPath(SelfSignedCertificate.CertificatePath(options.Store.DataDirectory));
                output.WriteLine($"HTTPS with a self-signed certificate for localhost: {certificate}");
                output.WriteLine($"  trust it per call:   curl --cacert '{certificate}' …");
                output.WriteLine($"  or machine-wide:     sudo cp '{certificate}' /usr/local/share/ca-certificates/tollgate-local.crt && sudo update-ca-certificates");
            }

            output.Flush();
            await app.WaitForShutdownAsync(cancellationToken);
        });
        return command;
    }
}
