using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Keys;
using Tollgate.Core.Stores;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate credentials create|list|update|revoke|rotate|add-key|remove-key</c>.</summary>
internal static class CredentialCommands
{
    public static Command Build(TextWriter output)
    {
        return new Command("credentials", "API credentials (Client ID + Secret Key).")
        {
            Create(output), List(output), Update(output), Revoke(output), Rotate(output), AddKey(output), RemoveKey(output),
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
        var rate = RateOption("Its token quota: a count per m, h or d, e.g. 60/m; repeatable (60/m --rate 10000/d). Default: the cloud's.");
        var expires = new Option<string?>("--expires") { Description = "Make it stop working after this long: 90d, 12h (default: never)." };
        var jwk = JwkOption("A public JWK or JWK Set file (EC P-256 or RSA ≥ 2048): the client authenticates with private_key_jwt, and gets no secret unless --with-secret.");
        var withSecret = new Option<bool>("--with-secret") { Description = "With --jwk: give it a Secret Key as well." };
        var requireDpop = new Option<bool>("--require-dpop") { Description = "Issue it DPoP-bound tokens only (RFC 9449)." };
        var command = new Command("create", "Create a credential; the secret is shown this once.") { customer, msp, name, scope, allow, role, rate, expires, jwk, withSecret, requireDpop, CommonOptions.Cloud };
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

            var quota = QuotaText(parse.GetValue(rate));
            var lifetime = Duration(parse.GetValue(expires), "--expires");
            var keys = ReadKeys(parse.GetValue(jwk));
            if (keys is null && parse.GetValue(withSecret))
            {
                throw new CliException("--with-secret goes with --jwk (a credential without keys always has a secret).");
            }

            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            if (owner == OwnerKind.Cloud)
            {
                ownerId = CloudArgument.Parse(ownerId.Length == 0 ? null : ownerId, session.Options).Value;
            }

            var spec = new CredentialSpec(owner, ownerId, parse.GetValue(name)!, scopes, parse.GetValue(allow) ?? [], adminRole, quota, TimeProvider.System.GetUtcNow() + lifetime, keys, parse.GetValue(withSecret), parse.GetValue(requireDpop));
            var created = AdminSession.Require(await session.Credentials.CreateAsync(spec, AdminSession.Actor, cancellationToken));
            WriteSecret(output, parse, created);
        });
        return command;
    }

    private static Command List(TextWriter output)
    {
        var expiring = new Option<string?>("--expiring") { Description = "Only credentials that expire within this long (and are not revoked): 30d." };
        var command = new Command("list", "List credentials (never their secrets).") { CommonOptions.Cloud, expiring };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var within = Duration(parse.GetValue(expiring), "--expiring");
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var cloud = CloudArgument.ParseOptional(parse.GetValue(CommonOptions.Cloud), session.Options);
            var now = TimeProvider.System.GetUtcNow();
            IEnumerable<CredentialDetails> credentials = await session.Credentials.ListAsync(cloud, cancellationToken);
            if (within is { } horizon)
            {
                credentials = credentials.Where(x => !x.Credential.IsRevoked && x.Credential.ExpiresAt is { } at && at <= now + horizon);
            }
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.JsonItems(output, credentials, single: false, WriteSummary);
            }
            else
            {
                Output.Table(
                    output,
                    ["CLIENT ID", "NAME", "CLOUD", "OWNER", "SCOPES", "ALLOW", "QUOTA", "CREATED", "LAST USED", "EXPIRES", "OLD SECRET", "REVOKED"],
                    credentials.Select(x => new[]
                    {
                        x.Credential.ClientId, x.Credential.Name, x.Credential.Cloud.Value, $"{Owner(x.Credential)}:{x.Credential.OwnerId}{(AdminRoles.Name(x.Credential.Role) is { } r ? $" ({r})" : string.Empty)}", Scopes.Format(x.Credential.Scopes),
                        x.Credential.AllowList.IsEmpty ? "any" : x.Credential.AllowList.ToString(), x.Credential.Quota?.ToString() ?? "default", Output.Time(x.CreatedAt), Output.Time(x.LastUsedAt), Expires(x.Credential, now), OldSecret(x, now), Output.Time(x.Credential.RevokedAt),
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
        var rate = RateOption("Its token quota from now on (60/m; repeatable for several units).");
        var defaultRate = new Option<bool>("--rate-default") { Description = "Drop its own quota: the cloud's default applies." };
        var expires = new Option<string?>("--expires") { Description = "Make it stop working this long from now: 90d, 12h." };
        var never = new Option<bool>("--never-expires") { Description = "Lift its expiry." };
        var requireDpop = new Option<bool?>("--require-dpop") { Description = "true: DPoP-bound tokens only; false: bearer tokens too." };
        var command = new Command("update", "Change a credential's name, scopes, allowed networks, quota or expiry; new tokens follow at once.") { clientId, name, scope, allow, anywhere, rate, defaultRate, expires, never, requireDpop };
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

            var quota = QuotaText(parse.GetValue(rate));
            if (quota is not null && parse.GetValue(defaultRate))
            {
                throw new CliException("Give --rate or --rate-default, not both.");
            }

            var lifetime = Duration(parse.GetValue(expires), "--expires");
            if (lifetime is not null && parse.GetValue(never))
            {
                throw new CliException("Give --expires or --never-expires, not both.");
            }

            var changes = new CredentialChanges(
                parse.GetValue(name),
                scopes,
                parse.GetValue(anywhere) ? [] : networks,
                parse.GetValue(defaultRate) ? string.Empty : quota,
                TimeProvider.System.GetUtcNow() + lifetime,
                parse.GetValue(never),
                parse.GetValue(requireDpop));
            if (changes == new CredentialChanges())
            {
                throw new CliException("Nothing to change: give --name, --scope, --allow, --allow-any, --rate, --rate-default, --expires, --never-expires or --require-dpop.");
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
        var grace = new Option<string?>("--grace") { Description = "Keep the old Secret Key (and its tokens) working this long as well: 30m, 24h, 7d (at most 30d)." };
        var command = new Command("rotate", "Give a credential a new Secret Key; the old one and its tokens stop working (at once, or when --grace ends).") { clientId, grace };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overlap = Duration(parse.GetValue(grace), "--grace");
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var rotated = AdminSession.Require(await session.Credentials.RotateAsync(parse.GetValue(clientId)!, AdminSession.Actor, grace: overlap, cancellationToken: cancellationToken));
            WriteSecret(output, parse, rotated);
        });
        return command;
    }

    private static Command AddKey(TextWriter output)
    {
        var clientId = new Argument<string>("CLIENT_ID") { Description = "The credential's Client ID." };
        var jwk = JwkOption("The public JWK or JWK Set file to register (EC P-256 or RSA ≥ 2048).");
        jwk.Required = true;
        var command = new Command("add-key", "Register another public key for private_key_jwt (the client's next key, before it switches).") { clientId, jwk };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keys = ReadKeys(parse.GetValue(jwk))!;
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            WriteKeys(output, parse, AdminSession.Require(await session.Credentials.AddKeysAsync(parse.GetValue(clientId)!, keys, AdminSession.Actor, cancellationToken: cancellationToken)));
        });
        return command;
    }

    private static Command RemoveKey(TextWriter output)
    {
        var clientId = new Argument<string>("CLIENT_ID") { Description = "The credential's Client ID." };
        var kid = new Argument<string>("KID") { Description = "The key's kid (see credentials list --json, or add-key's output)." };
        var command = new Command("remove-key", "Remove a public key: assertions it signs stop working on every node within a second.") { clientId, kid };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            WriteKeys(output, parse, AdminSession.Require(await session.Credentials.RemoveKeyAsync(parse.GetValue(clientId)!, parse.GetValue(kid)!, AdminSession.Actor, cancellationToken: cancellationToken)));
        });
        return command;
    }

    private static void WriteKeys(TextWriter output, ParseResult parse, CredentialRecord credential)
    {
        if (parse.GetValue(CommonOptions.Json))
        {
            Output.JsonItems(output, [credential], single: true, (w, c) => WriteCredential(w, c));
            return;
        }

        Output.Table(output, ["KID", "TYPE", "THUMBPRINT"], [.. credential.PublicKeys.Keys.Select(k => new[] { k.Kid, k.Kty, k.Thumbprint })]);
    }

    private static Option<string?> JwkOption(string description) => new("--jwk") { Description = description };

    /// <summary>The keys of a --jwk file, read and checked before anything is opened; null when not given.</summary>
    private static ClientKeySet? ReadKeys(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var text = CliException.ReadFile(path, "--jwk");

        var keys = ClientKeySet.TryParse(text, out var error);
        return keys is { IsEmpty: false } ? keys : throw new CliException($"--jwk {path}: {error ?? "no key in it."}");
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

                w.WriteString("quota", credential.Quota?.ToString());
                w.WriteString("expiresAt", Output.Time(credential.ExpiresAt));
                w.WriteString("previousSecretUntil", Output.Time(credential.PreviousSecretHash is null ? null : credential.PreviousSecretUntil));
                WriteArray(w, "keyIds", credential.PublicKeys.Keys.Select(k => k.Kid));
                w.WriteBoolean("requireDpop", credential.RequireDpop);
                w.WriteEndObject();
            });
        }
        else if (created.SecretKey is null)
        {
            Output.Table(output, ["CLIENT ID", "KEYS", "NAME", "SCOPES"], [[credential.ClientId, string.Join(' ', credential.PublicKeys.Keys.Select(k => k.Kid)), credential.Name, string.Join(' ', scopes)]]);
            output.WriteLine("No Secret Key: the client signs its assertions with its private key (private_key_jwt).");
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
        w.WriteString("quota", x.Quota?.ToString());
        w.WriteString("expiresAt", Output.Time(x.ExpiresAt));
        w.WriteString("previousSecretUntil", Output.Time(x.PreviousSecretHash is null ? null : x.PreviousSecretUntil));
        w.WriteBoolean("hasSecret", x.HasSecret);
        WriteArray(w, "keyIds", x.PublicKeys.Keys.Select(k => k.Kid));
        w.WriteBoolean("requireDpop", x.RequireDpop);
        if (AdminRoles.Name(x.Role) is { } roleName)
        {
            w.WriteString("role", roleName);
        }

        if (details is not null)
        {
            w.WriteString("createdAt", Output.Time(details.CreatedAt));
            w.WriteString("createdBy", details.CreatedBy);
            w.WriteString("lastUsedAt", Output.Time(details.LastUsedAt));
            w.WriteString("previousSecretLastUsedAt", Output.Time(details.PreviousSecretLastUsedAt));
        }

        w.WriteString("revokedAt", Output.Time(x.RevokedAt));
    }

    private static string Owner(CredentialRecord x) => OwnerKinds.Name(x.Owner);

    /// <summary>"in 5d" (or "expired"), for the table: what expires soon reads as such.</summary>
    private static string Expires(CredentialRecord x, DateTimeOffset now) => x.ExpiresAt switch
    {
        null => "never",
        { } at when at <= now => "expired " + Output.Time(at),
        { } at => $"{Output.Time(at)} (in {Math.Ceiling((at - now).TotalDays).ToString(CultureInfo.InvariantCulture)}d)",
    };

    /// <summary>The previous secret during a rotation's grace: until when, and when it was last used.</summary>
    private static string OldSecret(CredentialDetails x, DateTimeOffset now) =>
        x.Credential.PreviousSecretWorksAt(now)
            ? $"until {Output.Time(x.Credential.PreviousSecretUntil)}, last used {Output.Time(x.PreviousSecretLastUsedAt) ?? "never"}"
            : string.Empty;

    /// <summary>A duration option (30m, 24h, 90d), checked before anything is opened; null when not given.</summary>
    private static TimeSpan? Duration(string? text, string option) =>
        text is null ? null
        : DurationText.TryParse(text, out var span) ? span
        : throw new CliException($"{option} takes a duration like 30m, 24h, 90d, not '{text}'.");

    private static Option<string[]> RateOption(string description) => new("--rate") { Description = description };

    /// <summary>The --rate values as one quota text, checked here so a typo is named before anything is opened; null when none was given.</summary>
    private static string? QuotaText(string[]? rates)
    {
        if (rates is not { Length: > 0 })
        {
            return null;
        }

        var text = string.Join(' ', rates);
        return TokenQuota.TryParse(text, out var quota, out var invalid) && quota is not null
            ? quota.ToString()
            : throw new CliException($"--rate {invalid ?? "needs a count per m, h or d, like 60/m."}");
    }

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
