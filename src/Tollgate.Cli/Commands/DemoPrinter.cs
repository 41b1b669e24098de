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
            var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{first.Credential.ClientId}:{first.SecretKey}"));
            output.WriteLine();
            output.WriteLine("Try it:");
            output.WriteLine($"  TOKEN=$(curl -s -X POST -H 'authorization: Basic {basic}' -d 'grant_type=client_credentials&scope=read' {cloud.Issuer}/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
            output.WriteLine($"  curl -H \"Authorization: Bearer $TOKEN\" {cloud.Issuer}/insync/usermanagement/v1/users");
        }

        if (data.Credentials.FirstOrDefault(c => c.SecretKey is not null && c.Credential.Role == AdminRole.CloudAdmin) is { } admin)
        {
            var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{admin.Credential.ClientId}:{admin.SecretKey}"));
            output.WriteLine();
            output.WriteLine("The admin API (every credential of the cloud):");
            output.WriteLine($"  ADMIN=$(curl -s -X POST -H 'authorization: Basic {basic}' -d 'grant_type=client_credentials' {cloud.Issuer}/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
            output.WriteLine($"  curl -H \"Authorization: Bearer $ADMIN\" {cloud.Issuer}/admin/v1/credentials");
        }

        output.WriteLine();
    }
}
