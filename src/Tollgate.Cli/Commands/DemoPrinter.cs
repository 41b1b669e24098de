using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Server.Demo;

namespace Tollgate.Cli.Commands;

/// <summary>Prints the demo data with a ready-to-paste curl line.</summary>
internal static class DemoPrinter
{
    public static void Print(TextWriter output, DemoData data, CloudDefinition cloud)
    {
        output.WriteLine(data.Created ? "Demo data seeded:" : "Demo data (seeded earlier; secrets were shown then — `tollgate credentials rotate ID` issues new ones):");
        output.WriteLine($"  MSP       {Output.Escape(data.Msp.Name)}  id {data.Msp.Id}");
        foreach (var customer in data.Customers)
        {
            output.WriteLine($"  customer  {Output.Escape(customer.CustomerName)}  id {customer.Id}");
        }

        foreach (var demo in data.Credentials)
        {
            var credential = demo.Credential;
            var owner = AdminRoles.Name(credential.Role) ?? (credential.Owner == OwnerKind.Msp ? "MSP" : "customer");
            output.WriteLine($"  {owner} credential \"{Output.Escape(credential.Name)}\"");
            output.WriteLine($"    Client ID   {credential.ClientId}");
            if (demo.SecretKey is not null)
            {
                output.WriteLine($"    Secret Key  {demo.SecretKey}");
            }
        }

        if (data.Credentials.FirstOrDefault(c => c.SecretKey is not null && c.Credential.Owner == OwnerKind.Customer) is { } first)
        {
            PrintTry(output, "Try it:", "TOKEN", first, "&scope=read", $"{cloud.Issuer}/insync/usermanagement/v1/users", cloud);
        }

        if (data.Credentials.FirstOrDefault(c => c.SecretKey is not null && c.Credential.Role == AdminRole.CloudAdmin) is { } admin)
        {
            PrintTry(output, "The admin API (every credential of the cloud):", "ADMIN", admin, string.Empty, $"{cloud.Issuer}/admin/v1/credentials", cloud);
        }

        if (data.Administrators.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"The web console: {cloud.Issuer}/console (a new password is asked at the first sign-in)");
            var width = data.Administrators.Max(a => a.Account.Email.Length);
            foreach (var account in data.Administrators)
            {
                var password = account.OneTimePassword.Length > 0 ? $"  one-time password {account.OneTimePassword}" : "  (password shown when seeded; `tollgate admins reset-password` makes a new one)";
                output.WriteLine($"  {AdminRoles.Name(account.Account.Role),-22} {Output.Escape(account.Account.Email).PadRight(width)}{password}");
            }
        }

        output.WriteLine();
    }

    /// <summary>Two ready-to-paste lines: a token for <paramref name="demo"/> into $<paramref name="variable"/>, then a call with it.</summary>
    private static void PrintTry(TextWriter output, string title, string variable, DemoCredential demo, string extraForm, string url, CloudDefinition cloud)
    {
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{demo.Credential.ClientId}:{demo.SecretKey}"));
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine($"  {variable}=$(curl -s -X POST -H 'authorization: Basic {basic}' -d 'grant_type=client_credentials{extraForm}' {cloud.Issuer}/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        output.WriteLine($"  curl -H \"Authorization: Bearer ${variable}\" {url}");
    }
}
