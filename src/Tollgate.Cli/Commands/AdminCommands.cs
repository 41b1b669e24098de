using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Accounts;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate admins create|list|disable|reset-password</c>: the people who sign in to the web console.</summary>
internal static class AdminCommands
{
    public static Command Build(TextWriter output) => new("admins", "Console administrators (web console sign-in).")
    {
        Create(output), List(output), Disable(output), ResetPassword(output),
    };

    private static Command Create(TextWriter output)
    {
        var email = new Option<string>("--email") { Description = "The administrator's e-mail address (the sign-in name).", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", AdminRoles.Names)}.", Required = true };
        var msp = new Option<string?>("--msp") { Description = "The MSP an msp-admin administers." };
        var customer = new Option<string?>("--customer") { Description = "The customer a customer-admin administers." };
        var command = new Command("create", "Create an administrator; prints a one-time password, changed at first sign-in.") { email, role, msp, customer, CommonOptions.Cloud };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!AdminRoles.TryParse(parse.GetValue(role), out var adminRole))
            {
                throw new CliException($"--role must be one of: {string.Join(", ", AdminRoles.Names)}.");
            }

            var (mspId, customerId, cloudText) = (parse.GetValue(msp), parse.GetValue(customer), parse.GetValue(CommonOptions.Cloud));
            if ((mspId is not null || customerId is not null) && cloudText is not null)
            {
                throw new CliException("An MSP's or customer's administrator belongs to its cloud: give --msp or --customer without --cloud.");
            }

            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var cloud = mspId is not null && (await session.Tenants.FindMspAsync(mspId, cancellationToken)) is { Succeeded: true } m ? m.Value.Cloud
                : customerId is not null && (await session.Tenants.FindCustomerAsync(customerId, cancellationToken)) is { Succeeded: true } c ? c.Value.Cloud
                : CloudArgument.Parse(cloudText, session.Options);
            await using var services = session.CreateAccountServices();
            var created = AdminSession.Require(await Accounts(services).CreateAsync(cloud, parse.GetValue(email)!, adminRole, mspId, customerId, AdminSession.Actor, cancellationToken));
            WritePassword(output, parse, session, created, "created");
        });
        return command;
    }

    private static Command List(TextWriter output)
    {
        var command = new Command("list", "List administrators (never their passwords).") { CommonOptions.Cloud };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            await using var services = session.CreateAccountServices();
            var accounts = await Accounts(services).ListAsync(CloudArgument.ParseOptional(parse.GetValue(CommonOptions.Cloud), session.Options), cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.JsonItems(output, accounts, single: false, WriteAccount);
                return;
            }

            Output.Table(
                output,
                ["ID", "EMAIL", "CLOUD", "ROLE", "TENANT", "TWO-FACTOR", "STATUS", "CREATED", "LAST SIGN-IN"],
                accounts.Select(a => new[]
                {
                    a.Id, a.Email, a.Cloud.Value, AdminRoles.Name(a.Role), a.MspId ?? a.CustomerId, a.TwoFactorEnabled ? "on" : "off",
                    AdministratorStatus.Of(a), Output.Time(a.CreatedAt), Output.Time(a.LastSignInAt),
                }));
        });
        return command;
    }

    private static Command Disable(TextWriter output)
    {
        var who = new Argument<string>("ID_OR_EMAIL") { Description = "The administrator's id or e-mail address." };
        var command = new Command("disable", "Disable an administrator: its sessions end at once, on every node.") { who, CommonOptions.Cloud };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            await using var services = session.CreateAccountServices();
            var cloud = CloudArgument.Parse(parse.GetValue(CommonOptions.Cloud), session.Options);
            var account = AdminSession.Require(await Accounts(services).DisableAsync(cloud, parse.GetValue(who)!, AdminSession.Actor, cancellationToken));
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.JsonItems(output, [account], single: true, WriteAccount);
            }
            else
            {
                output.WriteLine($"Disabled administrator {Output.Escape(account.Email)} on {account.Cloud}.");
            }
        });
        return command;
    }

    private static Command ResetPassword(TextWriter output)
    {
        var who = new Argument<string>("ID_OR_EMAIL") { Description = "The administrator's id or e-mail address." };
        var command = new Command("reset-password", "A new one-time password; unlocks the account, re-enables it, removes its two-factor enrolment, ends its sessions.") { who, CommonOptions.Cloud };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            await using var services = session.CreateAccountServices();
            var cloud = CloudArgument.Parse(parse.GetValue(CommonOptions.Cloud), session.Options);
            var reset = AdminSession.Require(await Accounts(services).ResetPasswordAsync(cloud, parse.GetValue(who)!, AdminSession.Actor, cancellationToken));
            WritePassword(output, parse, session, reset, "reset");
        });
        return command;
    }

    // One command, one scope: the provider is disposed with it.
    private static AdministratorService Accounts(ServiceProvider services) =>
        services.GetRequiredService<IServiceScopeFactory>().CreateScope().ServiceProvider.GetRequiredService<AdministratorService>();

    private static void WritePassword(TextWriter output, ParseResult parse, AdminSession session, AdministratorInvitation invitation, string what)
    {
        var account = invitation.Account;
        var signIn = ConsoleUrl(session, account.Cloud);
        if (parse.GetValue(CommonOptions.Json))
        {
            Output.JsonItems(output, [account], single: true, (w, a) =>
            {
                WriteAccount(w, a);
                w.WriteString("oneTimePassword", invitation.OneTimePassword);
                w.WriteString("signInUrl", signIn);
            });
            return;
        }

        output.WriteLine($"Administrator {Output.Escape(account.Email)} ({AdminRoles.Name(account.Role)}) on {account.Cloud}: {what}.");
        output.WriteLine($"One-time password: {invitation.OneTimePassword}");
        output.WriteLine("  Shown this once; the console asks for a new password at the first sign-in.");
        output.WriteLine($"Sign in at {signIn}");
    }

    private static string ConsoleUrl(AdminSession session, CloudName cloud) =>
        session.Options.Clouds.TryGetValue(cloud.Value, out var c) ? c.Url.TrimEnd('/') + "/console" : "/console";

    private static void WriteAccount(Utf8JsonWriter w, AdministratorAccount account)
    {
        w.WriteString("id", account.Id);
        w.WriteString("email", account.Email);
        w.WriteString("cloud", account.Cloud.Value);
        w.WriteString("role", AdminRoles.Name(account.Role));
        w.WriteString("mspId", account.MspId);
        w.WriteString("customerId", account.CustomerId);
        w.WriteBoolean("twoFactor", account.TwoFactorEnabled);
        w.WriteString("status", AdministratorStatus.Of(account));
        w.WriteString("createdAt", Output.Time(account.CreatedAt));
        w.WriteString("lastSignInAt", Output.Time(account.LastSignInAt));
    }
}
