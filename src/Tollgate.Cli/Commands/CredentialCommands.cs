using System.CommandLine;
using System.Text.Json;
using Tollgate.Core.Credentials;
using Tollgate.Storage;
using Tollgate.Storage.Entities;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate credentials create|list|revoke|rotate</c>.</summary>
internal static class CredentialCommands
{
    public static Command Build(TextWriter output)
    {
        return new Command("credentials", "API credentials (Client ID + Secret Key).")
        {
            Create(output), List(output), Revoke(output), Rotate(output),
        };
    }

    private static Command Create(TextWriter output)
    {
        var customer = new Option<string?>("--customer") { Description = "The customer (GCID) that owns it." };
        var msp = new Option<string?>("--msp") { Description = "The MSP that owns it." };
        var name = new Option<string>("--name") { Description = "A name for the credential.", Required = true };
        var scope = new Option<string?>("--scope") { Description = "\"read\", \"write\" or \"read write\" (default: all)." };
        var allow = new Option<string[]>("--allow") { Description = "A CIDR block it may be used from; repeatable (default: anywhere)." };
        var command = new Command("create", "Create a credential; the secret is shown this once.") { customer, msp, name, scope, allow };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (owner, ownerId) = (parse.GetValue(customer), parse.GetValue(msp)) switch
            {
                ({ } c, null) => (OwnerKind.Customer, c),
                (null, { } m) => (OwnerKind.Msp, m),
                _ => throw new CliException("Give exactly one of --customer or --msp."),
            };
            var scopes = ScopeSet.All;
            if (parse.GetValue(scope) is { } text && !Scopes.TryParse(text, out scopes))
            {
                throw new CliException($"--scope must be \"read\", \"write\" or \"read write\", not '{text}'.");
            }

            using var store = CommonOptions.OpenStore(parse, out _);
            await store.MigrateAsync(cancellationToken);
            var created = await new Administration(store, Actor.Current)
                .CreateCredentialAsync(owner, ownerId, parse.GetValue(name)!, scopes, parse.GetValue(allow) ?? [], cancellationToken);
            WriteSecret(output, parse, created);
        });
        return command;
    }

    private static Command List(TextWriter output)
    {
        var command = new Command("list", "List credentials (never their secrets).") { CommonOptions.Cloud };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = CommonOptions.OpenStore(parse, out _);
            await store.MigrateAsync(cancellationToken);
            var cloud = parse.GetValue(CommonOptions.Cloud) is { } c ? CloudArgument.Parse(c) : (Core.Clouds.CloudName?)null;
            var credentials = await new Administration(store, Actor.Current).ListCredentialsAsync(cloud, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.Json(output, w =>
                {
                    w.WriteStartArray();
                    foreach (var credential in credentials)
                    {
                        w.WriteStartObject();
                        WriteSummary(w, credential);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                Output.Table(
                    output,
                    ["CLIENT ID", "NAME", "CLOUD", "OWNER", "SCOPES", "ALLOW", "CREATED", "LAST USED", "REVOKED"],
                    credentials.Select(x => new[]
                    {
                        x.ClientId, x.Name, x.Cloud, $"{Owner(x)}:{x.OwnerId}", Scopes.Format((ScopeSet)x.Scopes),
                        x.AllowList.Length == 0 ? "any" : x.AllowList, Output.Time(x.CreatedAt), Output.Time(x.LastUsedAt), Output.Time(x.RevokedAt),
                    }));
            }
        });
        return command;
    }

    private static Command Revoke(TextWriter output)
    {
        var clientId = new Argument<string>("CLIENT_ID") { Description = "The credential's Client ID." };
        var command = new Command("revoke", "Revoke a credential and every token it holds.") { clientId };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = CommonOptions.OpenStore(parse, out _);
            await store.MigrateAsync(cancellationToken);
            var credential = await new Administration(store, Actor.Current).RevokeCredentialAsync(parse.GetValue(clientId)!, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.Json(output, w =>
                {
                    w.WriteStartObject();
                    WriteSummary(w, credential);
                    w.WriteEndObject();
                });
            }
            else
            {
                output.WriteLine($"Revoked {credential.ClientId} at {Output.Time(credential.RevokedAt)}.");
            }
        });
        return command;
    }

    private static Command Rotate(TextWriter output)
    {
        var clientId = new Argument<string>("CLIENT_ID") { Description = "The credential's Client ID." };
        var command = new Command("rotate", "Give a credential a new Secret Key; the old one and its tokens stop working.") { clientId };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = CommonOptions.OpenStore(parse, out _);
            await store.MigrateAsync(cancellationToken);
            var rotated = await new Administration(store, Actor.Current).RotateCredentialAsync(parse.GetValue(clientId)!, cancellationToken);
            WriteSecret(output, parse, rotated);
        });
        return command;
    }

    private static void WriteSecret(TextWriter output, ParseResult parse, CreatedCredential created)
    {
        var credential = created.Credential;
        var scopes = Scopes.ToArray((ScopeSet)credential.Scopes);
        if (parse.GetValue(CommonOptions.Json))
        {
            Output.Json(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("clientId", credential.ClientId);
                w.WriteString("secretKey", created.SecretKey);
                w.WriteString("name", credential.Name);
                WriteArray(w, "scopes", scopes);
                w.WriteString("cloud", credential.Cloud);
                w.WriteEndObject();
            });
        }
        else
        {
            Output.Table(output, ["CLIENT ID", "SECRET KEY", "NAME", "SCOPES"], [[credential.ClientId, created.SecretKey, credential.Name, string.Join(' ', scopes)]]);
            output.WriteLine("The Secret Key is shown this once; store it now.");
        }
    }

    private static void WriteSummary(Utf8JsonWriter w, CredentialEntity x)
    {
        w.WriteString("clientId", x.ClientId);
        w.WriteString("name", x.Name);
        w.WriteString("cloud", x.Cloud);
        w.WriteString("ownerKind", Owner(x));
        w.WriteString("ownerId", x.OwnerId);
        WriteArray(w, "scopes", Scopes.ToArray((ScopeSet)x.Scopes));
        WriteArray(w, "allow", x.AllowList.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        w.WriteString("createdAt", Output.Time(x.CreatedAt));
        w.WriteString("createdBy", x.CreatedBy);
        w.WriteString("lastUsedAt", Output.Time(x.LastUsedAt));
        w.WriteString("revokedAt", Output.Time(x.RevokedAt));
    }

    private static string Owner(CredentialEntity x) => (OwnerKind)x.OwnerKind == OwnerKind.Msp ? "msp" : "customer";

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
