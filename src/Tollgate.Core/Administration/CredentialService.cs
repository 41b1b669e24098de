using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.Keys;
using Tollgate.Core.Stores;

namespace Tollgate.Core.Administration;

/// <summary>
/// API credentials: create, revoke, rotate. Each operation is one call, and writes its change, its change-feed
/// row (so every node refreshes within a second) and its audit event in one transaction.
/// </summary>
public sealed class CredentialService(ICredentialStore credentials, TenantService tenants, TimeProvider time)
{
    /// <summary>The longest grace a rotation can give the old secret.</summary>
    public static readonly TimeSpan MaxGrace = TimeSpan.FromDays(30);

    /// <summary>Creates an ordinary API credential of a customer or an MSP.</summary>
    public Task<AdminResult<CreatedCredential>> CreateAsync(
        OwnerKind owner,
        string ownerId,
        string name,
        ScopeSet scopes,
        IReadOnlyCollection<string> allow,
        Actor actor,
        CancellationToken cancellationToken = default) =>
        CreateAsync(new CredentialSpec(owner, ownerId, name, scopes, allow), actor, cancellationToken);

    /// <summary>
    /// Creates a credential; the secret is in the result, and nowhere else ever. A credential with an administrator
    /// role is owned by what the role governs: the cloud (its name as owner id) or the MSP.
    /// </summary>
    public async Task<AdminResult<CreatedCredential>> CreateAsync(CredentialSpec spec, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(actor);
        var (owner, ownerId, name, scopes, allow, role, quotaText, _, keys, _, _) = spec;
        var hasKeys = keys is { IsEmpty: false };
        if (spec.ExpiresAt is { } expiresAt && expiresAt <= time.GetUtcNow())
        {
            return AdminError.Invalid("The expiry must be in the future.");
        }

        if (Validate.Name(name) is { } invalid)
        {
            return invalid;
        }

        if (!NetworkAllowList.TryParse(allow, out var allowList, out var bad))
        {
            return AdminError.Invalid($"'{bad}' is not a CIDR block or an IP address.");
        }

        if (!TokenQuota.TryParse(quotaText, out var quota, out var badQuota))
        {
            return AdminError.Invalid(badQuota!);
        }

        if (role != AdminRole.None ? AdminRoles.OwnerOf(role) != owner : owner == OwnerKind.Cloud)
        {
            return AdminError.Invalid(role switch
            {
                AdminRole.None => "A credential of the cloud itself needs a cloud administrator role.",
                AdminRole.MspAdmin => "The msp-admin role is for a credential of an MSP.",
                AdminRole.CustomerAdmin => "The customer-admin role is for a credential of a customer.",
                _ => $"The {AdminRoles.Name(role)} role is for a credential of the cloud itself, not of a customer or an MSP.",
            });
        }

        CloudName cloud;
        string? customerId = null, mspId = null;
        if (owner == OwnerKind.Cloud)
        {
            if (!CloudName.TryParse(ownerId, out cloud))
            {
                return AdminError.Invalid($"'{ownerId}' is not a cloud name.");
            }

            ownerId = cloud.Value;
        }
        else if (owner == OwnerKind.Customer)
        {
            var customer = await tenants.FindCustomerAsync(ownerId, cancellationToken).ConfigureAwait(false);
            if (!customer.Succeeded)
            {
                return customer.Error;
            }

            (cloud, customerId) = (customer.Value.Cloud, customer.Value.Id);
        }
        else
        {
            var msp = await tenants.FindMspAsync(ownerId, cancellationToken).ConfigureAwait(false);
            if (!msp.Succeeded)
            {
                return msp.Error;
            }

            (cloud, mspId) = (msp.Value.Cloud, msp.Value.Id);
        }

        var now = time.GetUtcNow();
        // With keys alone the credential has no secret: nothing shared exists to leak.
        var secret = hasKeys && !spec.WithSecret ? null : SecretHasher.NewSecret();
        var credential = new CredentialRecord(
            SecretHasher.NewClientId(),
            cloud,
            owner,
            customerId ?? mspId ?? ownerId,
            name.Trim(),
            scopes == ScopeSet.None ? ScopeSet.All : scopes,
            allowList,
            SecretHasher.CurrentVersion,
            secret is null ? [] : SecretHasher.Hash(secret),
            null,
            null,
            Role: role,
            Quota: quota,
            ExpiresAt: spec.ExpiresAt,
            ClientKeys: hasKeys ? keys : null,
            RequireDpop: spec.RequireDpop);
        var audit = Audit(credential, AuditActions.CredentialCreate, actor, now);
        await credentials.AddAsync(credential, now, actor.Name, new JournalEntry(audit, ChangeKinds.Credential, credential.ClientId), cancellationToken).ConfigureAwait(false);
        return new CreatedCredential(credential, secret);
    }

    public Task<IReadOnlyList<CredentialDetails>> ListAsync(CloudName? cloud, CancellationToken cancellationToken = default) =>
        credentials.ListAsync(cloud, cancellationToken);

    /// <summary>
    /// Revokes a credential: its secret stops working and every token it got is refused. Revoking twice changes
    /// nothing. With <paramref name="expectedVersion"/>, only the credential at that version is revoked.
    /// </summary>
    public async Task<AdminResult<CredentialRecord>> RevokeAsync(string clientId, Actor actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 0; ; attempt++)
        {
            var current = await CurrentAsync(clientId, expectedVersion, cancellationToken).ConfigureAwait(false);
            if (!current.Succeeded || current.Value!.IsRevoked)
            {
                return current;
            }

            var now = time.GetUtcNow();
            var revoked = current.Value with { RevokedAt = now, Version = current.Value.Version + 1 };
            var write = await credentials.ReplaceAsync(revoked, current.Value.Version, Journal(revoked, AuditActions.CredentialRevoke, actor, now), cancellationToken).ConfigureAwait(false);
            if (write == StoreWrite.Written)
            {
                return revoked;
            }

            if (attempt > 0 || expectedVersion is not null)
            {
                return Changed(clientId, expectedVersion);
            }
        }
    }

    /// <summary>
    /// Gives a credential a new secret. The old secret and every token obtained with it stop working: tokens
    /// carry the secret's generation, so this holds for tokens a lagging node issued after the rotation too.
    /// </summary>
    public async Task<AdminResult<CreatedCredential>> RotateAsync(string clientId, Actor actor, int? expectedVersion = null, TimeSpan? grace = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (grace is { } g && (g <= TimeSpan.Zero || g > MaxGrace))
        {
            return AdminError.Invalid($"A rotation's grace is between a second and {MaxGrace.TotalDays:0} days.");
        }

        var current = await ActiveAsync(clientId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (!current.Succeeded)
        {
            return current.Error;
        }

        var now = time.GetUtcNow();
        var secret = SecretHasher.NewSecret();
        var rotated = current.Value with
        {
            HashVersion = SecretHasher.CurrentVersion,
            SecretHash = SecretHasher.Hash(secret),
            SecretRotatedAt = now,
            SecretGeneration = current.Value.SecretGeneration + 1,
            Version = current.Value.Version + 1,
            // With a grace, the secret being replaced keeps working until it ends (a second rotation ends the first's).
            PreviousSecretHash = grace is null || !current.Value.HasSecret ? null : current.Value.SecretHash,
            PreviousHashVersion = grace is null ? 0 : current.Value.HashVersion,
            PreviousSecretUntil = grace is { } until ? now + until : null,
        };
        var write = await credentials.ReplaceAsync(rotated, current.Value.Version, Journal(rotated, AuditActions.CredentialRotate, actor, now), cancellationToken).ConfigureAwait(false);
        return Outcome(write, new CreatedCredential(rotated, secret), clientId, expectedVersion);
    }

    /// <summary>
    /// Changes what a credential may do: its name, its scopes, its allowed networks (what is null stays). New tokens
    /// follow at once on every node; tokens already issued keep their scopes until they expire.
    /// </summary>
    public async Task<AdminResult<CredentialRecord>> UpdateAsync(string clientId, CredentialChanges changes, Actor actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(actor);
        var current = await ActiveAsync(clientId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (!current.Succeeded)
        {
            return current;
        }

        if (changes.Name is not null && Validate.Name(changes.Name) is { } invalid)
        {
            return invalid;
        }

        var allowList = current.Value.AllowList;
        if (changes.Allow is not null && !NetworkAllowList.TryParse(changes.Allow, out allowList, out var bad))
        {
            return AdminError.Invalid($"'{bad}' is not a CIDR block or an IP address.");
        }

        var quota = current.Value.Quota;
        if (changes.Quota is not null && !TokenQuota.TryParse(changes.Quota, out quota, out var badQuota))
        {
            return AdminError.Invalid(badQuota!);
        }

        var now = time.GetUtcNow();
        if (changes.ExpiresAt is { } newExpiry && newExpiry <= now)
        {
            return AdminError.Invalid("The expiry must be in the future.");
        }

        var updated = current.Value with
        {
            ExpiresAt = changes.NeverExpires ? null : changes.ExpiresAt ?? current.Value.ExpiresAt,
            Name = changes.Name?.Trim() ?? current.Value.Name,
            Scopes = changes.Scopes is { } scopes && scopes != ScopeSet.None ? scopes : current.Value.Scopes,
            AllowList = allowList,
            Quota = quota,
            RequireDpop = changes.RequireDpop ?? current.Value.RequireDpop,
            Version = current.Value.Version + 1,
        };
        var write = await credentials.ReplaceAsync(updated, current.Value.Version, Journal(updated, AuditActions.CredentialUpdate, actor, now), cancellationToken).ConfigureAwait(false);
        return Outcome(write, updated, clientId, expectedVersion);
    }

    /// <summary>
    /// Registers more public keys for <c>private_key_jwt</c> (the client's next key, ahead of its switch): assertions
    /// signed with any registered key work at once on every node.
    /// </summary>
    public Task<AdminResult<CredentialRecord>> AddKeysAsync(string clientId, ClientKeySet keys, Actor actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return ChangeKeysAsync(clientId, actor, expectedVersion, AuditActions.CredentialKeyAdd, current =>
        {
            if (keys.IsEmpty)
            {
                return AdminError.Invalid("No key to add.");
            }

            return current.PublicKeys.Add(keys, out var error) is { } added ? added : AdminError.Invalid(error!);
        }, cancellationToken);
    }

    /// <summary>Removes a key (the client's old one, after its switch): assertions it signs stop working on every node within a second.</summary>
    public Task<AdminResult<CredentialRecord>> RemoveKeyAsync(string clientId, string kid, Actor actor, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeKeysAsync(clientId, actor, expectedVersion, AuditActions.CredentialKeyRemove, current =>
        {
            if (current.PublicKeys.Remove(kid) is not { } rest)
            {
                return AdminError.NotFound($"Credential {clientId} has no key {kid}.");
            }

            // A credential left with neither a secret nor a key could never authenticate again.
            return rest.IsEmpty && !current.HasSecret
                ? AdminError.Conflict($"{kid} is the credential's only key and it has no secret; add another key first (or rotate to give it a secret).")
                : rest;
        }, cancellationToken);

    private async Task<AdminResult<CredentialRecord>> ChangeKeysAsync(
        string clientId,
        Actor actor,
        int? expectedVersion,
        string action,
        Func<CredentialRecord, AdminResult<ClientKeySet>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = await ActiveAsync(clientId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (!current.Succeeded)
        {
            return current;
        }

        var keys = change(current.Value);
        if (!keys.Succeeded)
        {
            return keys.Error;
        }

        var updated = current.Value with { ClientKeys = keys.Value!.IsEmpty ? null : keys.Value, Version = current.Value.Version + 1 };
        var write = await credentials.ReplaceAsync(updated, current.Value.Version, Journal(updated, action, actor, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return Outcome(write, updated, clientId, expectedVersion);
    }

    /// <summary>The credential as stored now, when it is not revoked (a revoked credential is changed no more).</summary>
    private async Task<AdminResult<CredentialRecord>> ActiveAsync(string clientId, int? expectedVersion, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(clientId, expectedVersion, cancellationToken).ConfigureAwait(false);
        return current.Succeeded && current.Value!.IsRevoked ? AdminError.Conflict($"Credential {clientId} is revoked; create a new one.") : current;
    }

    /// <summary>What a conditional write's outcome means to the caller.</summary>
    private static AdminResult<T> Outcome<T>(StoreWrite write, T written, string clientId, int? expectedVersion) => write switch
    {
        StoreWrite.Written => written,
        StoreWrite.NotFound => NotFound(clientId),
        _ => Changed(clientId, expectedVersion),
    };

    /// <summary>The credential as stored now; with <paramref name="expectedVersion"/>, only when it is still at that version.</summary>
    private async Task<AdminResult<CredentialRecord>> CurrentAsync(string clientId, int? expectedVersion, CancellationToken cancellationToken)
    {
        if (!ClientId.TryParse(clientId, out var id) || await credentials.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return NotFound(clientId);
        }

        return expectedVersion is { } expected && expected != current.Version ? Changed(clientId, expectedVersion) : current;
    }

    /// <summary>Another writer got there first: stale when the caller named a version, a conflict otherwise.</summary>
    private static AdminError Changed(string clientId, int? expectedVersion) => expectedVersion is null
        ? AdminError.Conflict($"Credential {clientId} was changed meanwhile; nothing changed, try again.")
        : AdminError.Stale($"Credential {clientId} is no longer at version {expectedVersion}; read it again.");

    private static AdminError NotFound(string clientId) => AdminError.NotFound($"No credential with client id {clientId}.");

    private static JournalEntry Journal(CredentialRecord credential, string action, Actor actor, DateTimeOffset now) =>
        new(Audit(credential, action, actor, now), ChangeKinds.Credential, credential.ClientId);

    private static AuditEvent Audit(CredentialRecord credential, string action, Actor actor, DateTimeOffset now) =>
        new(
            now,
            credential.Cloud.Value,
            actor.Name,
            action,
            "credential",
            credential.ClientId,
            credential.Owner == OwnerKind.Msp ? credential.OwnerId : null,
            credential.Owner == OwnerKind.Customer ? credential.OwnerId : null,
            actor.Source?.ToString());
}
