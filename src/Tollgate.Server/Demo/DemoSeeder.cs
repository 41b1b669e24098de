using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Storage;
using Tollgate.Storage.Entities;

namespace Tollgate.Server.Demo;

/// <summary>
/// Seeds, once, a demo MSP with two customers, a few users each, and a credential for each of them.
/// Secrets exist only at creation, so they are shown by the run that seeds; later runs list the client ids.
/// </summary>
public static class DemoSeeder
{
    public const string MspName = "Demo MSP";

    public static async Task<DemoData> SeedAsync(TollgateStore store, CloudName cloud, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using (var db = store.CreateContext())
        {
            var existing = await db.Msps.AsNoTracking().FirstOrDefaultAsync(m => m.Name == MspName && m.Cloud == cloud.Value, cancellationToken);
            if (existing is not null)
            {
                var customers = await db.Customers.AsNoTracking().Where(c => c.MspId == existing.Id).OrderBy(c => c.CustomerName).ToListAsync(cancellationToken);
                var owners = customers.Select(c => c.Id).Append(existing.Id).ToList();
                var credentials = await db.Credentials.AsNoTracking().Where(c => owners.Contains(c.OwnerId) && c.RevokedAt == null).ToListAsync(cancellationToken);
                return new DemoData(false, existing, customers, [.. credentials.Select(c => new DemoCredential(c, null))]);
            }
        }

        var admin = new Administration(store, "demo");
        var msp = await admin.CreateMspAsync(cloud, MspName, cancellationToken);
        var created = new List<CustomerEntity>();
        var creds = new List<DemoCredential>();
        string[][] users = [["Ada Lovelace", "Alan Turing", "Grace Hopper"], ["Edsger Dijkstra", "Barbara Liskov"]];
        string[] names = ["Acme Corp", "Globex"];
        for (var i = 0; i < names.Length; i++)
        {
            var customer = await admin.CreateCustomerAsync(cloud, names[i], msp.Id, cancellationToken);
            created.Add(customer);
            var credential = await admin.CreateCredentialAsync(OwnerKind.Customer, customer.Id, $"{names[i]} automation", ScopeSet.All, [], cancellationToken);
            creds.Add(new DemoCredential(credential.Credential, credential.SecretKey));
            await using var db = store.CreateContext();
            foreach (var name in users[i])
            {
                var email = name.ToLowerInvariant().Replace(' ', '.') + "@" + names[i].ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal) + ".example";
                db.Users.Add(new UserEntity { CustomerId = customer.Id, UserName = name, EmailId = email, QuotaInBytes = 50L << 30, AddedOn = store.Time.GetUtcNow() });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var mspCredential = await admin.CreateCredentialAsync(OwnerKind.Msp, msp.Id, "Demo MSP automation", ScopeSet.All, [], cancellationToken);
        creds.Add(new DemoCredential(mspCredential.Credential, mspCredential.SecretKey));
        return new DemoData(true, msp, created, creds);
    }
}
