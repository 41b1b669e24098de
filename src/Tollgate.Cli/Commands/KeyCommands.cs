using System.CommandLine;
using Tollgate.Core.Clouds;
using Tollgate.Storage;
using Tollgate.Storage.Entities;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate keys list|rotate [--cloud C]</c>; without --cloud, every configured cloud.</summary>
internal static class KeyCommands
{
    public static Command Build(TextWriter output)
    {
        var list = new Command("list", "List signing keys and their schedule.") { CommonOptions.Cloud };
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var store = CommonOptions.OpenStore(parse, out _);
            await store.MigrateAsync(cancellationToken);
            var cloud = parse.GetValue(CommonOptions.Cloud) is { } c ? CloudArgument.Parse(c) : (CloudName?)null;
            var keys = await new SigningKeyStore(store).ListAsync(cloud, cancellationToken);
            Write(output, parse, keys, TimeProvider.System.GetUtcNow());
        });

        var rotate = new Command("rotate", "Emergency rotation: a new key signs at once; old keys stay published until their tokens expire.") { CommonOptions.Cloud };
        rotate.SetAction(async (parse, cancellationToken) =>
        {
            using var store = CommonOptions.OpenStore(parse, out var options);
            await store.MigrateAsync(cancellationToken);
            IEnumerable<CloudName> clouds = parse.GetValue(CommonOptions.Cloud) is { } c
                ? [CloudArgument.Parse(c)]
                : options.Clouds.Where(x => x.Value.Enabled).Select(x => CloudName.Parse(x.Key));
            var keyStore = new SigningKeyStore(store);
            var created = new List<SigningKeyEntity>();
            foreach (var cloud in clouds)
            {
                created.Add(await keyStore.RotateNowAsync(cloud, options.Signing.Algorithm, Actor.Current, cancellationToken));
            }

            Write(output, parse, created, TimeProvider.System.GetUtcNow());
        });

        return new Command("keys", "Token signing keys.") { list, rotate };
    }

    private static void Write(TextWriter output, ParseResult parse, IReadOnlyList<SigningKeyEntity> keys, DateTimeOffset now)
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
                    w.WriteString("cloud", key.Cloud);
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
                k.Kid, k.Cloud, k.Algorithm, Output.Time(k.CreatedAt), Output.Time(k.ActivatesAt), State(keys, k, now),
            }));
        }
    }

    /// <summary>pending (published, not yet signing), active (signing now) or retired (verifying only).</summary>
    private static string State(IReadOnlyList<SigningKeyEntity> keys, SigningKeyEntity key, DateTimeOffset now)
    {
        if (key.ActivatesAt > now)
        {
            return "pending";
        }

        var newer = keys.Any(k => k.Cloud == key.Cloud && k.ActivatesAt <= now && k.ActivatesAt > key.ActivatesAt);
        return newer ? "retired" : "active";
    }
}
