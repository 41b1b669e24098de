using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Clouds;
using Tollgate.Core.Tokens;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage;

/// <summary>Signing keys at rest: loading a cloud's ring, the rotation schedule, the emergency rotation.</summary>
public sealed class SigningKeyStore(TollgateStore store)
{
    public async Task<KeyRing> LoadAsync(CloudDefinition cloud, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        await using var db = store.CreateContext();
        var rows = await db.SigningKeys.AsNoTracking().Where(k => k.Cloud == cloud.Name.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new KeyRing(rows.Select(Decrypt), cloud.MaxTokenLifetime);
    }

    /// <summary>
    /// Keeps the schedule: a key signs from its activation; the next key is created <paramref name="publishAhead"/>
    /// before it activates, so validators that cache JWKS see it first; retired keys are deleted once every
    /// token they signed has expired. Returns true when it changed anything.
    /// </summary>
    public async Task<bool> MaintainAsync(CloudDefinition cloud, string algorithm, TimeSpan rotationInterval, TimeSpan publishAhead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var now = store.Time.GetUtcNow();
        var ring = await LoadAsync(cloud, cancellationToken).ConfigureAwait(false);
        var changed = false;
        await using var db = store.CreateContext();

        var current = ring.SigningKeyAt(now);
        if (current is null && ring.NextKeyAfter(now) is null)
        {
            Add(db, cloud, algorithm, now);
            changed = true;
        }
        else if (current is not null && ring.NextKeyAfter(now) is null && now >= current.ActivatesAt + rotationInterval - publishAhead)
        {
            var activates = current.ActivatesAt + rotationInterval;
            Add(db, cloud, algorithm, activates > now + publishAhead ? activates : now + publishAhead);
            changed = true;
        }

        foreach (var key in ring.Keys)
        {
            if (ring.RetiresAt(key, now) is { } retires && retires <= now)
            {
                db.SigningKeys.Remove(new SigningKeyEntity { Kid = key.Kid, Cloud = cloud.Name.Value, Algorithm = key.Algorithm, ProtectedKey = [] });
                changed = true;
            }
        }

        if (changed)
        {
            var admin = new Administration(store, "tollgate");
            admin.Change(db, cloud.Name.Value, ChangeKinds.SigningKeys, "schedule");
            admin.Audit(db, cloud.Name.Value, AuditActions.KeysSchedule, "signing_key", cloud.Name.Value);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    /// <summary>
    /// The emergency path: a new key signs at once, and keys published ahead of use are withdrawn. Keys that
    /// signed until now stay published until their tokens expire.
    /// </summary>
    public async Task<SigningKeyEntity> RotateNowAsync(CloudName cloud, string algorithm, string actor, CancellationToken cancellationToken = default)
    {
        var now = store.Time.GetUtcNow();
        await using var db = store.CreateContext();
        var pending = await db.SigningKeys.Where(k => k.Cloud == cloud.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
        db.SigningKeys.RemoveRange(pending.Where(k => k.ActivatesAt > now));
        var key = Add(db, cloud, algorithm, now);
        var admin = new Administration(store, actor);
        admin.Change(db, cloud.Value, ChangeKinds.SigningKeys, key.Kid);
        admin.Audit(db, cloud.Value, AuditActions.KeysRotate, "signing_key", key.Kid);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }

    public async Task<IReadOnlyList<SigningKeyEntity>> ListAsync(CloudName? cloud, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var query = db.SigningKeys.AsNoTracking();
        if (cloud is { } c)
        {
            query = query.Where(k => k.Cloud == c.Value);
        }

        return await query.OrderBy(k => k.Cloud).ThenBy(k => k.ActivatesAt).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private SigningKeyEntity Add(TollgateDbContext db, CloudDefinition cloud, string algorithm, DateTimeOffset activatesAt) =>
        Add(db, cloud.Name, algorithm, activatesAt);

    private SigningKeyEntity Add(TollgateDbContext db, CloudName cloud, string algorithm, DateTimeOffset activatesAt)
    {
        var (kid, pkcs8) = SigningKeyFactory.Create(algorithm);
        var entity = new SigningKeyEntity
        {
            Kid = kid,
            Cloud = cloud.Value,
            Algorithm = algorithm,
            ProtectedKey = store.Protector.Protect(pkcs8, kid),
            CreatedAt = store.Time.GetUtcNow(),
            ActivatesAt = activatesAt,
        };
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(pkcs8);
        db.SigningKeys.Add(entity);
        return entity;
    }

    private SigningKey Decrypt(SigningKeyEntity row)
    {
        byte[] pkcs8;
        try
        {
            pkcs8 = store.Protector.Unprotect(row.ProtectedKey, row.Kid);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            // Every node (and the CLI) must be given the same master key; say so rather than fail obscurely.
            throw new InvalidOperationException(
                $"Signing key {row.Kid} of cloud {row.Cloud} cannot be decrypted: the master key is not the one that encrypted it " +
                "(give every node the same Tollgate:Store:MasterKey, or the same data folder's master.key).", ex);
        }

        try
        {
            return SigningKeyFactory.Load(row.Kid, row.Algorithm, pkcs8, row.CreatedAt, row.ActivatesAt);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
