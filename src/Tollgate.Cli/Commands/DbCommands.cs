using System.CommandLine;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate db migrate</c>: brings the store's schema up to date (serve and every command also do it at start).</summary>
internal static class DbCommands
{
    public static Command Build(TextWriter output)
    {
        var migrate = new Command("migrate", "Apply the store's migrations (SQLite or PostgreSQL).");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            using var store = CommonOptions.OpenStore(parse, out var options);
            await store.MigrateAsync(cancellationToken);
            await using var db = store.CreateContext();
            var applied = (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetAppliedMigrationsAsync(db.Database, cancellationToken)).ToList();
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.Json(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("store", options.Store.Kind.ToString().ToLowerInvariant());
                    w.WriteStartArray("migrations");
                    applied.ForEach(w.WriteStringValue);
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
