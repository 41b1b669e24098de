using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.Stores;

namespace Tollgate.Core.Administration;

/// <summary>
/// API credentials: create, revoke, rotate. Each operation is one call, and writes its change, its change-feed
/// row (so every node refreshes within a second) and its audit event in one transaction.
/// </summary>
public sealed class CredentialService(ICredentialStore credentials, TenantService tenants, TimeProvider time)
{
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
        var (owner, ownerId, name, scopes, allow, role) = spec;
        if (Validate.Name(name) is { } invalid)
        {
            return invalid;
        }

        if (!NetworkAllowList.TryParse(allow, out var allowList, out var bad))
        {
            return AdminError.Invalid($"'{bad}' is not a CIDR block or an IP address.");
        }

        if (role != AdminRole.None ? AdminRoles.OwnerOf(role) != owner : owner == OwnerKind.Cloud)
        {
            return AdminError.Invalid(role switch
            {
                AdminRole.None => "A credential of the cloud itself needs a cloud administrator role.",
                AdminRole.MspAdmin => "The msp-admin role is for a credential of an MSP.",
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
        var secret = SecretHasher.NewSecret();
        var credential = new CredentialRecord(
            SecretHasher.NewClientId(),
            cloud,
            owner,
            customerId ?? mspId ?? ownerId,
            name.Trim(),
            scopes == ScopeSet.None ? ScopeSet.All : scopes,
            allowList,
            SecretHasher.CurrentVersion,
            SecretHasher.Hash(secret),
            null,
            null,
            Role: role);
        var audit = Audit(credential, AuditActions.CredentialCreate, actor, now);
        await credentials.AddAsync(credential, now, actor.Name, new JournalEntry(audit, ChangeKinds.Credential, credential.ClientId), cancellationToken).ConfigureAwait(false);
        return new CreatedCredential(credential, secret);
    }

    public Task<IReadOnlyList<CredentialDetails>> ListAsync(CloudName? cloud, CancellationToken cancellationToken = default) =>
        credentials.ListAsync(cloud, cancellationToken);

    /// <summary>Revokes a credential: its secret stops working and every token it got is refused. Revoking twice changes nothing.</summary>
    public async Task<AdminResult<CredentialRecord>> RevokeAsync(string clientId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 0; ; attempt++)
        {
            if (!ClientId.TryParse(clientId, out var id) || await credentials.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return NotFound(clientId);
            }

            if (current.IsRevoked)
            {
                return current;
            }

            var now = time.GetUtcNow();
            var revoked = current with { RevokedAt = now };
            var write = await credentials.ReplaceAsync(revoked, current.SecretGeneration, Journal(revoked, AuditActions.CredentialRevoke, actor, now), cancellationToken).ConfigureAwait(false);
            if (write == StoreWrite.Written)
            {
                return revoked;
            }

            if (attempt > 0)
            {
                return AdminError.Conflict($"Credential {clientId} changed while it was being revoked; try again.");
            }
        }
    }

    /// <summary>
    /// Gives a credential a new secret. The old secret and every token obtained with it stop working: tokens
    /// carry the secret's generation, so this holds for tokens a lagging node issued after the rotation too.
    /// </summary>
    public async Task<AdminResult<CreatedCredential>> RotateAsync(string clientId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ClientId.TryParse(clientId, out var id) || await credentials.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return NotFound(clientId);
        }

        if (current.IsRevoked)
        {
            return AdminError.Conflict($"Credential {clientId} is revoked; create a new one.");
        }

        var now = time.GetUtcNow();
        var secret = SecretHasher.NewSecret();
        var rotated = current with
        {
            HashVersion = SecretHasher.CurrentVersion,
            SecretHash = SecretHasher.Hash(secret),
            SecretRotatedAt = now,
            SecretGeneration = current.SecretGeneration + 1,
        };
        var write = await credentials.ReplaceAsync(rotated, current.SecretGeneration, Journal(rotated, AuditActions.CredentialRotate, actor, now), cancellationToken).ConfigureAwait(false);
        return write switch
        {
            StoreWrite.Written => new CreatedCredential(rotated, secret),
            StoreWrite.NotFound => NotFound(clientId),
            _ => AdminError.Conflict($"Credential {clientId} was rotated or revoked meanwhile; nothing changed."),
        };
    }

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
