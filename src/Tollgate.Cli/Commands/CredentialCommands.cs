using System.CommandLine;
using System.Text.Json;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate credentials create|list|revoke|rotate</c>.</summary>
internal static class CredentialCommands
{
    public static Command Build(TextWriter output)
    {
        return new Command("credentials", "API credentials (Client ID + Secret Key).")
        {
            Create(output), List(output), Update(output), Revoke(output), Rotate(output),
        };
    }

    private static Command Create(TextWriter output)
    {
        var customer = new Option<string?>("--customer") { Description = "The customer (GCID) that owns it." };
        var msp = new Option<string?>("--msp") { Description = "The MSP that owns it." };
        var name = new Option<string>("--name") { Description = "A name for the credential.", Required = true };
        var scope = new Option<string?>("--scope") { Description = "\"read\", \"write\" or \"read write\" (default: all)." };
        var allow = new Option<string[]>("--allow") { Description = "A CIDR block it may be used from; repeatable (default: anywhere)." };
        var role = new Option<string?>("--role")
        {
            Description = $"An administrator role for the admin API: {string.Join(", ", AdminRoles.Names)} (cloud roles take --cloud; msp-admin takes --msp; customer-admin takes --customer).",
        };
        var command = new Command("create", "Create a credential; the secret is shown this once.") { customer, msp, name, scope, allow, role, CommonOptions.Cloud };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var adminRole = AdminRole.None;
            if (parse.GetValue(role) is { } roleText && !AdminRoles.TryParse(roleText, out adminRole))
            {
                throw new CliException($"--role must be one of: {string.Join(", ", AdminRoles.Names)}.");
            }

            var cloudText = parse.GetValue(CommonOptions.Cloud);
            var (owner, ownerId) = (parse.GetValue(customer), parse.GetValue(msp), AdminRoles.IsCloudWide(adminRole)) switch
            {
                (null, null, true) => (OwnerKind.Cloud, cloudText ?? string.Empty),
                ({ } c, null, false) when cloudText is null => (OwnerKind.Customer, c),
                (null, { } m, false) when cloudText is null => (OwnerKind.Msp, m),
                (_, _, true) => throw new CliException("A cloud administrator's credential belongs to the cloud: give --cloud, not --customer or --msp."),
                _ => throw new CliException("Give exactly one of --customer or --msp (the cloud is theirs)."),
            };
            var scopes = ScopeSet.All;
            if (parse.GetValue(scope) is { } text && !Scopes.TryParse(text, out scopes))
            {
                throw new CliException($"--scope must be \"read\", \"write\" or \"read write\", not '{text}'.");
            }

            if (!NetworkAllowList.TryParse(parse.GetValue(allow) ?? [], out _, out var invalid))
            {
                throw new CliException($"--allow takes a CIDR block or an IP address, not '{invalid}'.");
            }

            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            if (owner == OwnerKind.Cloud)
            {
                ownerId = CloudArgument.Parse(ownerId.Length == 0 ? null : ownerId, session.Options).Value;
            }

            var spec = new CredentialSpec(owner, ownerId, parse.GetValue(name)!, scopes, parse.GetValue(allow) ?? [], adminRole);
            var created = AdminSession.Require(await session.Credentials.CreateAsync(spec, AdminSession.Actor, cancellationToken));
            WriteSecret(output, parse, created);
        });
        return command;
    }

    private static Command List(TextWriter output)
    {
        var command = new Command("list", "List credentials (never their secrets).") { CommonOptions.Cloud };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var cloud = CloudArgument.ParseOptional(parse.GetValue(CommonOptions.Cloud), session.Options);
            var credentials = await session.Credentials.ListAsync(cloud, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.JsonItems(output, credentials, single: false, WriteSummary);
            }
            else
            {
                Output.Table(
                    output,
                    ["CLIENT ID", "NAME", "CLOUD", "OWNER", "SCOPES", "ALLOW", "CREATED", "LAST USED", "REVOKED"],
                    credentials.Select(x => new[]
                    {
                        x.Credential.ClientId, x.Credential.Name, x.Credential.Cloud.Value, $"{Owner(x.Credential)}:{x.Credential.OwnerId}{(AdminRoles.Name(x.Credential.Role) is { } r ? $" ({r})" : string.Empty)}", Scopes.Format(x.Credential.Scopes),
                        x.Credential.AllowList.IsEmpty ? "any" : x.Credential.AllowList.ToString(), Output.Time(x.CreatedAt), Output.Time(x.LastUsedAt), Output.Time(x.Credential.RevokedAt),
                    }));
            }
        });
        return command;
    }

    private static Command Update(TextWriter output)
    {
        var clientId = new Argument<string>("CLIENT_ID") { Description = "The credential's Client ID." };
        var name = new Option<string?>("--name") { Description = "A new name." };
        var scope = new Option<string?>("--scope") { Description = "\"read\", \"write\" or \"read write\"." };
        var allow = new Option<string[]>("--allow") { Description = "The CIDR blocks it may be used from from now on; repeatable." };
        var anywhere = new Option<bool>("--allow-any") { Description = "Lift the network restriction." };
        var command = new Command("update", "Change a credential's name, scopes or allowed networks; new tokens follow at once.") { clientId, name, scope, allow, anywhere };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ScopeSet? scopes = null;
            if (parse.GetValue(scope) is { } text)
            {
                scopes = Scopes.TryParse(text, out var parsed) ? parsed : throw new CliException($"--scope must be \"read\", \"write\" or \"read write\", not '{text}'.");
            }

            var networks = parse.GetValue(allow) is { Length: > 0 } given ? given : null;
            if (networks is not null && parse.GetValue(anywhere))
            {
                throw new CliException("Give --allow or --allow-any, not both.");
            }

            if (networks is not null && !NetworkAllowList.TryParse(networks, out _, out var invalid))
            {
                throw new CliException($"--allow takes a CIDR block or an IP address, not '{invalid}'.");
            }

            var changes = new CredentialChanges(parse.GetValue(name), scopes, parse.GetValue(anywhere) ? [] : networks);
            if (changes == new CredentialChanges())
            {
                throw new CliException("Nothing to change: give --name, --scope, --allow or --allow-any.");
            }

            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var credential = AdminSession.Require(await session.Credentials.UpdateAsync(parse.GetValue(clientId)!, changes, AdminSession.Actor, cancellationToken: cancellationToken));
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.JsonItems(output, [credential], single: true, (w, c) => WriteCredential(w, c));
            }
            else
            {
                output.WriteLine($"Updated {Output.Escape(credential.ClientId)}: {Output.Escape(credential.Name)}, {Scopes.Format(credential.Scopes)}, from {(credential.AllowList.IsEmpty ? "anywhere" : credential.AllowList.ToString())}.");
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
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var credential = AdminSession.Require(await session.Credentials.RevokeAsync(parse.GetValue(clientId)!, AdminSession.Actor, cancellationToken: cancellationToken));
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.JsonItems(output, [credential], single: true, (w, c) => WriteCredential(w, c));
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
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var rotated = AdminSession.Require(await session.Credentials.RotateAsync(parse.GetValue(clientId)!, AdminSession.Actor, cancellationToken: cancellationToken));
            WriteSecret(output, parse, rotated);
        });
        return command;
    }

    private static void WriteSecret(TextWriter output, ParseResult parse, CreatedCredential created)
    {
        var credential = created.Credential;
        var scopes = Scopes.ToArray(credential.Scopes);
        if (parse.GetValue(CommonOptions.Json))
        {
            Output.Json(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("clientId", credential.ClientId);
                w.WriteString("secretKey", created.SecretKey);
                w.WriteString("name", credential.Name);
                WriteArray(w, "scopes", scopes);
                w.WriteString("cloud", credential.Cloud.Value);
                w.WriteString("ownerKind", Owner(credential));
                w.WriteString("ownerId", credential.OwnerId);
                if (AdminRoles.Name(credential.Role) is { } role)
                {
                    w.WriteString("role", role);
                }

                w.WriteEndObject();
            });
        }
        else
        {
            Output.Table(output, ["CLIENT ID", "SECRET KEY", "NAME", "SCOPES"], [[credential.ClientId, created.SecretKey, credential.Name, string.Join(' ', scopes)]]);
            output.WriteLine("The Secret Key is shown this once; store it now.");
        }
    }

    private static void WriteSummary(Utf8JsonWriter w, CredentialDetails x)
    {
        WriteCredential(w, x.Credential, x);
    }

    private static void WriteCredential(Utf8JsonWriter w, CredentialRecord x, CredentialDetails? details = null)
    {
        w.WriteString("clientId", x.ClientId);
        w.WriteString("name", x.Name);
        w.WriteString("cloud", x.Cloud.Value);
        w.WriteString("ownerKind", Owner(x));
        w.WriteString("ownerId", x.OwnerId);
        WriteArray(w, "scopes", Scopes.ToArray(x.Scopes));
        WriteArray(w, "allow", x.AllowList.Networks.Select(n => n.ToString()));
        if (AdminRoles.Name(x.Role) is { } roleName)
        {
            w.WriteString("role", roleName);
        }

        if (details is not null)
        {
            w.WriteString("createdAt", Output.Time(details.CreatedAt));
            w.WriteString("createdBy", details.CreatedBy);
            w.WriteString("lastUsedAt", Output.Time(details.LastUsedAt));
        }

        w.WriteString("revokedAt", Output.Time(x.RevokedAt));
    }

    private static string Owner(CredentialRecord x) => OwnerKinds.Name(x.Owner);

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
