using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage;

/// <summary>Turns a stored credential into the immutable record the token path caches.</summary>
public static class CredentialMapping
{
    public static CredentialRecord ToRecord(this CredentialEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!NetworkAllowList.TryParse(entity.AllowList.Split(' ', StringSplitOptions.RemoveEmptyEntries), out var allow, out var invalid))
        {
            // Only Administration writes this column, after parsing it; anything else is corruption.
            throw new InvalidDataException($"Credential {entity.ClientId} has an unreadable allow-list entry '{invalid}'.");
        }

        return new CredentialRecord(
            entity.ClientId,
            CloudName.Parse(entity.Cloud),
            (OwnerKind)entity.OwnerKind,
            entity.OwnerId,
            entity.Name,
            (ScopeSet)entity.Scopes,
            allow,
            entity.HashVersion,
            entity.SecretHash,
            entity.RevokedAt,
            entity.SecretRotatedAt,
            entity.SecretGeneration);
    }
}
