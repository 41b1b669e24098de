using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Tollgate.Server.Options;
using Tollgate.Storage;

namespace Tollgate.Cli.Commands;

/// <summary>The options every store-touching command shares with <c>serve</c>, and the configuration they feed.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Data = new("--data") { Description = "Data folder of the embedded store (default ./data).", Recursive = true };

    public static readonly Option<string?> Store = new("--store") { Description = "sqlite (default) or postgres.", Recursive = true };

    public static readonly Option<string?> Connection = new("--connection") { Description = "Connection string of the postgres store.", Recursive = true };

    public static readonly Option<bool> Json = new("--json") { Description = "Print one JSON document on stdout.", Recursive = true };

    public static readonly Option<string?> Cloud = new("--cloud") { Description = "Cloud: mainline (default), govcloud or govapis." };

    /// <summary>The command line's store flags as configuration overrides (they win over appsettings.json and environment).</summary>
    public static Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (parse.GetValue(Data) is { } data)
        {
            overrides["Tollgate:Store:DataDirectory"] = data;
        }

        if (parse.GetValue(Store) is { } store)
        {
            overrides["Tollgate:Store:Kind"] = store.ToLowerInvariant() switch
            {
                "sqlite" => nameof(StoreKind.Sqlite),
                "postgres" or "postgresql" => nameof(StoreKind.Postgres),
                _ => throw new CliException($"--store must be sqlite or postgres, not '{store}'."),
            };
        }

        if (parse.GetValue(Connection) is { } connection)
        {
            overrides["Tollgate:Store:Connection"] = connection;
        }

        return overrides;
    }

    /// <summary>The same configuration sources <c>serve</c> reads, for admin commands that run without a server.</summary>
    public static TollgateServerOptions Load(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(Overrides(parse))
            .Build();
        var options = new TollgateServerOptions();
        configuration.GetSection(TollgateServerOptions.Section).Bind(options);
        return options;
    }
}
