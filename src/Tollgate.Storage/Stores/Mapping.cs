using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Keys;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage.Stores;

/// <summary>Rows to records and back: the only place that knows both shapes.</summary>
internal static class Mapping
{
    public static CredentialRecord ToRecord(this CredentialEntity entity)
    {
        if (!NetworkAllowList.TryParse(entity.AllowList.Split(' ', StringSplitOptions.RemoveEmptyEntries), out var allow, out var invalid))
        {
            // Only the credential service writes this column, after parsing it; anything else is corruption.
            throw new InvalidDataException($"Credential {entity.ClientId} has an unreadable allow-list entry '{invalid}'.");
        }

        if (!TokenQuota.TryParse(entity.Quota, out var quota, out var badQuota))
        {
            throw new InvalidDataException($"Credential {entity.ClientId} has an unreadable quota: {badQuota}");
        }

        if (ClientKeySet.TryParse(entity.PublicKeys, out var badKeys) is not { } keys)
        {
            throw new InvalidDataException($"Credential {entity.ClientId} has unreadable public keys: {badKeys}");
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
            entity.SecretGeneration,
            (AdminRole)entity.Role,
            entity.Version,
            quota,
            entity.ExpiresAt,
            entity.PreviousSecretHash,
            entity.PreviousHashVersion,
            entity.PreviousSecretUntil,
            keys,
            entity.RequireDpop);
    }

    public static void CopyTo(this CredentialRecord record, CredentialEntity entity)
    {
        entity.Cloud = record.Cloud.Value;
        entity.OwnerKind = (int)record.Owner;
        entity.OwnerId = record.OwnerId;
        entity.Name = record.Name;
        entity.Scopes = (int)record.Scopes;
        entity.AllowList = record.AllowList.ToString();
        entity.Quota = TokenQuota.Format(record.Quota);
        entity.ExpiresAt = record.ExpiresAt;
        entity.PreviousSecretHash = record.PreviousSecretHash;
        entity.PreviousHashVersion = record.PreviousHashVersion;
        entity.PreviousSecretUntil = record.PreviousSecretUntil;
        entity.PublicKeys = record.PublicKeys.ToJson();
        entity.RequireDpop = record.RequireDpop;
        entity.HashVersion = record.HashVersion;
        entity.SecretHash = record.SecretHash;
        entity.RevokedAt = record.RevokedAt;
        entity.SecretRotatedAt = record.SecretRotatedAt;
        entity.SecretGeneration = record.SecretGeneration;
        entity.Role = (int)record.Role;
        entity.Version = record.Version;
    }

    public static MspRecord ToRecord(this MspEntity e) => new(e.Id, CloudName.Parse(e.Cloud), e.Name, e.CreatedAt);

    public static CustomerRecord ToRecord(this CustomerEntity e) =>
        new(e.Id, CloudName.Parse(e.Cloud), e.CustomerName, e.AccountName, e.Address, e.Phone, e.MspId, e.Status, e.CreatedOn);

    public static UserRecord ToRecord(this UserEntity e) =>
        new(e.UserId, e.CustomerId, e.UserName, e.EmailId, e.Status, e.ProfileId, e.StorageId, e.QuotaInBytes, e.AddedOn);

    public static void CopyTo(this UserRecord record, UserEntity e)
    {
        e.CustomerId = record.CustomerId;
        e.UserName = record.UserName;
        e.EmailId = record.EmailId;
        e.Status = record.Status;
        e.ProfileId = record.ProfileId;
        e.StorageId = record.StorageId;
        e.QuotaInBytes = record.QuotaInBytes;
        e.AddedOn = record.AddedOn;
    }

    public static StoredSigningKey ToRecord(this SigningKeyEntity e) =>
        new(e.Kid, CloudName.Parse(e.Cloud), e.Algorithm, e.ProtectedKey, e.CreatedAt, e.ActivatesAt);

    public static RevokedTokenRecord ToRecord(this RevokedTokenEntity e) => new(e.JwtId, CloudName.Parse(e.Cloud), e.ClientId, e.ExpiresAt);

    public static ChangeRecord ToRecord(this ChangeEntity e) => new(e.Seq, e.Cloud, e.Kind, e.Subject, e.At);

    public static AuditEvent ToRecord(this AuditEventEntity e) =>
        new(e.At, e.Cloud, e.Actor, e.Action, e.EntityType, e.EntityId, e.MspId, e.CustomerId, e.SourceIp, e.Status, e.Detail);

    public static AuditEventEntity ToEntity(this AuditEvent a) => new()
    {
        At = a.At,
        Cloud = a.Cloud,
        Actor = Cut(a.Actor, 200),
        Action = a.Action,
        EntityType = a.EntityType,
        EntityId = Cut(a.EntityId, 128),
        MspId = a.MspId,
        CustomerId = a.CustomerId,
        SourceIp = a.SourceIp,
        Status = a.Status,
        Detail = a.Detail is null ? null : Cut(a.Detail, 200),
    };

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
