using System.CommandLine;
using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate keys list|rotate [--cloud C]</c>; without --cloud, every configured cloud.</summary>
internal static class KeyCommands
{
    public static Command Build(TextWriter output)
    {
        var list = new Command("list", "List signing keys and their schedule.") { CommonOptions.Cloud };
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var cloud = CloudArgument.ParseOptional(parse.GetValue(CommonOptions.Cloud), session.Options);
            var keys = await session.Keys.ListAsync(cloud, cancellationToken);
            Write(output, parse, keys, TimeProvider.System.GetUtcNow());
        });

        var rotate = new Command("rotate", "Emergency rotation: a new key signs at once; old keys stay published until their tokens expire.") { CommonOptions.Cloud };
        rotate.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var options = session.Options;
            IEnumerable<CloudName> clouds = parse.GetValue(CommonOptions.Cloud) is { } c
                ? [CloudArgument.Parse(c, options)]
                : options.Clouds.Where(x => x.Value.Enabled).Select(x => CloudName.Parse(x.Key));
            var created = new List<StoredSigningKey>();
            foreach (var cloud in clouds)
            {
                created.Add(await session.Keys.RotateNowAsync(cloud, options.Signing.Algorithm, AdminSession.Actor, cancellationToken));
            }

            Write(output, parse, created, TimeProvider.System.GetUtcNow());
        });

        return new Command("keys", "Token signing keys.") { list, rotate };
    }

    private static void Write(TextWriter output, ParseResult parse, IReadOnlyList<StoredSigningKey> keys, DateTimeOffset now)
    {
        if (parse.GetValue(CommonOptions.Json))
        {
            Output.Json(output, w =>
            {
                w.WriteStartArray();
                foreach (var key in keys)
                {
                    w.WriteStartObject();
                    w.WriteString("kid", key.Kid);
                    w.WriteString("cloud", key.Cloud.Value);
                    w.WriteString("algorithm", key.Algorithm);
                    w.WriteString("createdAt", Output.Time(key.CreatedAt));
                    w.WriteString("activatesAt", Output.Time(key.ActivatesAt));
                    w.WriteString("state", State(keys, key, now));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }
        else
        {
            Output.Table(output, ["KID", "CLOUD", "ALG", "CREATED", "ACTIVATES", "STATE"], keys.Select(k => new[]
            {
                k.Kid, k.Cloud.Value, k.Algorithm, Output.Time(k.CreatedAt), Output.Time(k.ActivatesAt), State(keys, k, now),
            }));
        }
    }

    /// <summary>pending (published, not yet signing), active (signing now) or retired (verifying only).</summary>
    private static string State(IReadOnlyList<StoredSigningKey> keys, StoredSigningKey key, DateTimeOffset now)
    {
        if (key.ActivatesAt > now)
        {
            return "pending";
        }

        var newer = keys.Any(k => k.Cloud == key.Cloud && k.ActivatesAt <= now && k.ActivatesAt > key.ActivatesAt);
        return newer ? "retired" : "active";
    }
}
