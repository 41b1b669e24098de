using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage;

/// <summary>
/// The administrator's operations on customers, MSPs and credentials. Each one writes its change, a
/// change-feed row (so running servers refresh their caches) and an audit event in one transaction.
/// </summary>
public sealed class Administration(TollgateStore store, string actor)
{
    private TimeProvider Time => store.Time;

    public async Task<MspEntity> CreateMspAsync(CloudName cloud, string name, CancellationToken cancellationToken = default)
    {
        RequireName(name);
        var msp = new MspEntity { Id = Guid.NewGuid().ToString(), Cloud = cloud.Value, Name = name, CreatedAt = Time.GetUtcNow() };
        await using var db = store.CreateContext();
        db.Msps.Add(msp);
        Audit(db, cloud.Value, AuditActions.MspCreate, "msp", msp.Id, mspId: msp.Id);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return msp;
    }

    public async Task<CustomerEntity> CreateCustomerAsync(CloudName cloud, string name, string? mspId, CancellationToken cancellationToken = default) =>
        await CreateCustomerAsync(cloud, name, mspId, null, cancellationToken).ConfigureAwait(false);

    public async Task<CustomerEntity> CreateCustomerAsync(CloudName cloud, string name, string? mspId, CustomerDetails? details, CancellationToken cancellationToken = default)
    {
        RequireName(name);
        RequireLength(details?.AccountName, 200, "accountName");
        RequireLength(details?.Address, 500, "address");
        RequireLength(details?.Phone, 50, "phone");
        await using var db = store.CreateContext();
        if (mspId is not null)
        {
            var msp = await db.Msps.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mspId, cancellationToken).ConfigureAwait(false)
                ?? throw new AdminException($"No MSP with id {mspId}.");
            if (msp.Cloud != cloud.Value)
            {
                throw new AdminException($"MSP {mspId} belongs to cloud {msp.Cloud}, not {cloud}.");
            }
        }

        var customer = new CustomerEntity
        {
            Id = Guid.NewGuid().ToString(),
            Cloud = cloud.Value,
            CustomerName = name,
            AccountName = string.IsNullOrWhiteSpace(details?.AccountName) ? name : details.AccountName,
            Address = details?.Address ?? string.Empty,
            Phone = details?.Phone ?? string.Empty,
            MspId = mspId,
            CreatedOn = Time.GetUtcNow(),
        };
        db.Customers.Add(customer);
        Change(db, cloud.Value, ChangeKinds.Customer, customer.Id);
        Audit(db, cloud.Value, AuditActions.CustomerCreate, "customer", customer.Id, mspId, customer.Id);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return customer;
    }

    public async Task<CreatedCredential> CreateCredentialAsync(
        OwnerKind owner,
        string ownerId,
        string name,
        ScopeSet scopes,
        IReadOnlyCollection<string> allow,
        CancellationToken cancellationToken = default)
    {
        RequireName(name);
        if (!NetworkAllowList.TryParse(allow, out var allowList, out var invalid))
        {
            throw new AdminException($"'{invalid}' is not a CIDR block or an IP address.");
        }

        await using var db = store.CreateContext();
        var (cloud, customerId, mspId) = owner switch
        {
            OwnerKind.Customer => await db.Customers.AsNoTracking().Where(c => c.Id == ownerId)
                .Select(c => new { c.Cloud, c.Id }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } c
                ? (c.Cloud, c.Id, (string?)null)
                : throw new AdminException($"No customer with id {ownerId}."),
            _ => await db.Msps.AsNoTracking().Where(m => m.Id == ownerId)
                .Select(m => new { m.Cloud, m.Id }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } m
                ? (m.Cloud, (string?)null, m.Id)
                : throw new AdminException($"No MSP with id {ownerId}."),
        };

        var secret = SecretHasher.NewSecret();
        var credential = new CredentialEntity
        {
            ClientId = SecretHasher.NewClientId(),
            Cloud = cloud,
            OwnerKind = (int)owner,
            OwnerId = ownerId,
            Name = name,
            Scopes = (int)(scopes == ScopeSet.None ? ScopeSet.All : scopes),
            AllowList = allowList.ToString(),
            HashVersion = SecretHasher.CurrentVersion,
            SecretHash = SecretHasher.Hash(secret),
            CreatedAt = Time.GetUtcNow(),
            CreatedBy = actor,
        };
        db.Credentials.Add(credential);
        Change(db, cloud, ChangeKinds.Credential, credential.ClientId);
        Audit(db, cloud, AuditActions.CredentialCreate, "credential", credential.ClientId, mspId, customerId);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedCredential(credential, secret);
    }

    public async Task<IReadOnlyList<CredentialEntity>> ListCredentialsAsync(CloudName? cloud, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var query = db.Credentials.AsNoTracking();
        if (cloud is { } c)
        {
            query = query.Where(x => x.Cloud == c.Value);
        }

        return await query.OrderBy(x => x.CreatedAt).ThenBy(x => x.ClientId).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes a credential: its secret stops working and every token it got is refused.</summary>
    public async Task<CredentialEntity> RevokeCredentialAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var credential = await FindAsync(db, clientId, cancellationToken).ConfigureAwait(false);
        if (credential.RevokedAt is null)
        {
            credential.RevokedAt = Time.GetUtcNow();
            Change(db, credential.Cloud, ChangeKinds.Credential, clientId);
            AuditCredential(db, credential, AuditActions.CredentialRevoke);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return credential;
    }

    /// <summary>
    /// Gives a credential a new secret; the old secret and every token obtained with it stop working (tokens
    /// carry the secret's generation, so this holds for tokens a lagging node issued after the rotation too).
    /// </summary>
    public async Task<CreatedCredential> RotateCredentialAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var credential = await FindAsync(db, clientId, cancellationToken).ConfigureAwait(false);
        if (credential.RevokedAt is not null)
        {
            throw new AdminException($"Credential {clientId} is revoked; create a new one.");
        }

        var secret = SecretHasher.NewSecret();
        credential.SecretHash = SecretHasher.Hash(secret);
        credential.HashVersion = SecretHasher.CurrentVersion;
        credential.SecretRotatedAt = Time.GetUtcNow();
        credential.SecretGeneration++;
        Change(db, credential.Cloud, ChangeKinds.Credential, clientId);
        AuditCredential(db, credential, AuditActions.CredentialRotate);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedCredential(credential, secret);
    }

    internal void Audit(TollgateDbContext db, string cloud, string action, string entityType, string entityId, string? mspId = null, string? customerId = null) =>
        db.AuditEvents.Add(new AuditEventEntity
        {
            At = Time.GetUtcNow(),
            Cloud = cloud,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            MspId = mspId,
            CustomerId = customerId,
        });

    internal void Change(TollgateDbContext db, string cloud, string kind, string subject) =>
        db.Changes.Add(new ChangeEntity { Cloud = cloud, Kind = kind, Subject = subject, At = Time.GetUtcNow() });

    private void AuditCredential(TollgateDbContext db, CredentialEntity credential, string action) =>
        Audit(
            db,
            credential.Cloud,
            action,
            "credential",
            credential.ClientId,
            credential.OwnerKind == (int)OwnerKind.Msp ? credential.OwnerId : null,
            credential.OwnerKind == (int)OwnerKind.Customer ? credential.OwnerId : null);

    private static async Task<CredentialEntity> FindAsync(TollgateDbContext db, string clientId, CancellationToken cancellationToken) =>
        await db.Credentials.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken).ConfigureAwait(false)
            ?? throw new AdminException($"No credential with client id {clientId}.");

    private static void RequireLength(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
        {
            throw new AdminException($"{field} must be at most {max} characters.");
        }
    }

    private static void RequireName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw new AdminException("A name of 1 to 200 characters is required.");
        }
    }
}
