using Microsoft.Extensions.DependencyInjection;
using Tollgate.Core.Administration;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Core.Ids;
using Tollgate.Server.Accounts;

namespace Tollgate.Server.Demo;

/// <summary>
/// Seeds, once, a demo MSP with two customers, a few users each, a credential for each of them, and a console
/// administrator of each role, through
/// the same application services as every other change. Secrets exist only at creation, so they are shown by
/// the run that seeds; later runs list the client ids.
/// </summary>
public static class DemoSeeder
{
    public const string MspName = "Demo MSP";

    private static readonly Actor Seeder = new("demo");

    public static async Task<DemoData> SeedAsync(IServiceProvider services, CloudName cloud, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var tenants = services.GetRequiredService<TenantService>();
        var credentials = services.GetRequiredService<CredentialService>();
        var users = services.GetRequiredService<UserService>();
        using var scope = services.CreateScope();
        if ((await tenants.ListMspsAsync(cloud, cancellationToken)).FirstOrDefault(m => m.Name == MspName) is { } existing)
        {
            var customers = (await tenants.ListCustomersAsync(cloud, MspId.Parse(existing.Id), cancellationToken)).OrderBy(c => c.CustomerName, StringComparer.Ordinal).ToList();
            var owners = customers.Select(c => c.Id).Append(existing.Id).Append(cloud.Value).ToHashSet(StringComparer.Ordinal);
            var active = (await credentials.ListAsync(cloud, cancellationToken)).Where(c => owners.Contains(c.Credential.OwnerId) && !c.Credential.IsRevoked);
            var existingAdmins = await scope.ServiceProvider.GetRequiredService<AdministratorService>().ListAsync(cloud, cancellationToken);
            return new DemoData(false, existing, customers, [.. active.Select(c => new DemoCredential(c.Credential, null))], [.. existingAdmins.Select(a => new AdministratorInvitation(a, string.Empty))]);
        }

        var msp = Required(await tenants.CreateMspAsync(cloud, MspName, Seeder, cancellationToken));
        var created = new List<CustomerRecord>();
        var creds = new List<DemoCredential>();
        string[][] people = [["Ada Lovelace", "Alan Turing", "Grace Hopper"], ["Edsger Dijkstra", "Barbara Liskov"]];
        string[] names = ["Acme Corp", "Globex"];
        for (var i = 0; i < names.Length; i++)
        {
            var customer = Required(await tenants.CreateCustomerAsync(cloud, names[i], msp.Id, null, Seeder, cancellationToken));
            created.Add(customer);
            var credential = Required(await credentials.CreateAsync(OwnerKind.Customer, customer.Id, $"{names[i]} automation", ScopeSet.All, [], Seeder, cancellationToken));
            creds.Add(new DemoCredential(credential.Credential, credential.SecretKey));
            foreach (var name in people[i])
            {
                var email = name.ToLowerInvariant().Replace(' ', '.') + "@" + names[i].ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal) + ".example";
                Required(await users.CreateAsync(cloud, CustomerId.Parse(customer.Id), new UserChanges(name, email, Quota: 50), Seeder, cancellationToken));
            }
        }

        var mspCredential = Required(await credentials.CreateAsync(OwnerKind.Msp, msp.Id, "Demo MSP automation", ScopeSet.All, [], Seeder, cancellationToken));
        creds.Add(new DemoCredential(mspCredential.Credential, mspCredential.SecretKey));

        // Administrators for the admin API: one of the whole cloud, one of the demo MSP.
        var cloudAdmin = Required(await credentials.CreateAsync(new CredentialSpec(OwnerKind.Cloud, cloud.Value, "Demo cloud administrator", ScopeSet.All, [], AdminRole.CloudAdmin), Seeder, cancellationToken));
        creds.Add(new DemoCredential(cloudAdmin.Credential, cloudAdmin.SecretKey));
        var mspAdmin = Required(await credentials.CreateAsync(new CredentialSpec(OwnerKind.Msp, msp.Id, "Demo MSP administrator", ScopeSet.All, [], AdminRole.MspAdmin), Seeder, cancellationToken));
        creds.Add(new DemoCredential(mspAdmin.Credential, mspAdmin.SecretKey));

        // Console administrators, one per role; each changes its one-time password at the first sign-in.
        var accounts = scope.ServiceProvider.GetRequiredService<AdministratorService>();
        var admins = new List<AdministratorInvitation>();
        foreach (var (role, mspId, customerId) in new (AdminRole, string?, string?)[]
        {
            (AdminRole.CloudAdmin, null, null), (AdminRole.CloudAdminReadOnly, null, null), (AdminRole.MspAdmin, msp.Id, null), (AdminRole.CustomerAdmin, null, created[0].Id),
        })
        {
            var email = $"{AdminRoles.Name(role)}@{cloud.Value}.tollgate.example";
            admins.Add(Required(await accounts.CreateAsync(cloud, email, role, mspId, customerId, Seeder, cancellationToken)));
        }

        return new DemoData(true, msp, created, creds, admins);
    }

    /// <summary>The demo's own inputs are valid: a failure here is a bug.</summary>
    private static T Required<T>(AdminResult<T> result) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException("Demo seeding failed: " + result.Error.Message);
}
