using System.CommandLine;
using Tollgate.Storage;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate db migrate</c>: creates the store, or brings its schema up to date (<c>serve</c> does it too).</summary>
internal static class DbCommands
{
    public static Command Build(TextWriter output)
    {
        var migrate = new Command("migrate", "Apply the store's migrations (SQLite or PostgreSQL).");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var options = CommonOptions.Load(parse);
            using var store = new TollgateStore(options.Store, TimeProvider.System);
            var applied = await store.Schema.MigrateAsync(cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.Json(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("store", options.Store.Kind.ToString().ToLowerInvariant());
                    w.WriteStartArray("migrations");
                    foreach (var migration in applied)
                    {
                        w.WriteStringValue(migration);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                output.WriteLine($"{options.Store.Kind} store up to date: {string.Join(", ", applied)}");
            }
        });
        return new Command("db", "The store.") { migrate };
    }
}
