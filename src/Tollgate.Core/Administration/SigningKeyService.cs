using System.Security.Cryptography;
using Tollgate.Core.Clouds;
using Tollgate.Core.Protection;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;

namespace Tollgate.Core.Administration;

/// <summary>
/// Signing keys: a cloud's ring (decrypted under the master key), the rotation schedule, the emergency rotation.
/// Every change is one store write with its change-feed row and audit event.
/// </summary>
public sealed class SigningKeyService(ISigningKeyStore keys, KeyProtector protector, TimeProvider time)
{
    public async Task<KeyRing> LoadRingAsync(CloudDefinition cloud, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var rows = await keys.ListAsync(cloud.Name, cancellationToken).ConfigureAwait(false);
        return new KeyRing(rows.Select(Decrypt), cloud.MaxTokenLifetime);
    }

    public Task<IReadOnlyList<StoredSigningKey>> ListAsync(CloudName? cloud, CancellationToken cancellationToken = default) =>
        keys.ListAsync(cloud, cancellationToken);

    /// <summary>
    /// Keeps the schedule: a key signs from its activation; the next key is created <paramref name="publishAhead"/>
    /// before it activates, so validators that cache JWKS see it first; retired keys are deleted once every
    /// token they signed has expired. Returns true when it changed anything.
    /// </summary>
    public async Task<bool> MaintainAsync(CloudDefinition cloud, string algorithm, TimeSpan rotationInterval, TimeSpan publishAhead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var now = time.GetUtcNow();
        var ring = await LoadRingAsync(cloud, cancellationToken).ConfigureAwait(false);
        var add = new List<StoredSigningKey>();
        // What another node may have added meanwhile, which makes this addition moot: any key at all (a new cloud),
        // or a key activating after now (the next one).
        DateTimeOffset? moot = null;
        var current = ring.SigningKeyAt(now);
        if (current is null && ring.NextKeyAfter(now) is null)
        {
            add.Add(Create(cloud.Name, algorithm, now));
            moot = DateTimeOffset.MinValue;
        }
        else if (current is not null && ring.NextKeyAfter(now) is null && now >= current.ActivatesAt + rotationInterval - publishAhead)
        {
            var activates = current.ActivatesAt + rotationInterval;
            add.Add(Create(cloud.Name, algorithm, activates > now + publishAhead ? activates : now + publishAhead));
            moot = now;
        }

        var remove = ring.Keys.Where(k => ring.RetiresAt(k, now) is { } retires && retires <= now).Select(k => k.Kid).ToList();
        if (add.Count == 0 && remove.Count == 0)
        {
            return false;
        }

        var audit = new AuditEvent(now, cloud.Name.Value, Actor.System.Name, AuditActions.KeysSchedule, "signing_key", cloud.Name.Value);
        // Every node keeps the schedule: of two that decide at once, the store lets one add the next key.
        return await keys.ApplyAsync(cloud.Name, add, remove, new JournalEntry(audit, ChangeKinds.SigningKeys, "schedule"), moot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The emergency path: a new key signs at once, and keys published ahead of use are withdrawn. Keys that
    /// signed until now stay published until their tokens expire.
    /// </summary>
    public async Task<StoredSigningKey> RotateNowAsync(CloudName cloud, string algorithm, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var pending = (await keys.ListAsync(cloud, cancellationToken).ConfigureAwait(false)).Where(k => k.ActivatesAt > now).Select(k => k.Kid).ToList();
        var key = Create(cloud, algorithm, now);
        var audit = new AuditEvent(now, cloud.Value, actor.Name, AuditActions.KeysRotate, "signing_key", key.Kid, SourceIp: actor.Source?.ToString());
        await keys.ApplyAsync(cloud, [key], pending, new JournalEntry(audit, ChangeKinds.SigningKeys, key.Kid), unlessPendingAfter: null, cancellationToken).ConfigureAwait(false);
        return key;
    }

    private StoredSigningKey Create(CloudName cloud, string algorithm, DateTimeOffset activatesAt)
    {
        var (kid, pkcs8) = SigningKeyFactory.Create(algorithm);
        try
        {
            return new StoredSigningKey(kid, cloud, algorithm, protector.Protect(pkcs8, kid), time.GetUtcNow(), activatesAt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private SigningKey Decrypt(StoredSigningKey row)
    {
        byte[] pkcs8;
        try
        {
            pkcs8 = protector.Unprotect(row.ProtectedKey, row.Kid);
        }
        catch (CryptographicException ex)
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
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
