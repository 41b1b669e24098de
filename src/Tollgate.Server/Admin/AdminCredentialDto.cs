using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Admin;

/// <summary>A credential as the admin API shows it: never its secret.</summary>
internal sealed record AdminCredentialDto(
    string ClientId,
    string Name,
    string Cloud,
    string OwnerKind,
    string OwnerId,
    string Scope,
    IReadOnlyList<string> Allow,
    string? Role,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public static AdminCredentialDto From(CredentialRecord c, DateTimeOffset createdAt, string createdBy, DateTimeOffset? lastUsedAt) => new(
        c.ClientId,
        c.Name,
        c.Cloud.Value,
        OwnerKinds.Name(c.Owner),
        c.OwnerId,
        Scopes.Format(c.Scopes),
        c.AllowList.IsEmpty ? [] : c.AllowList.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries),
        AdminRoles.Name(c.Role),
        createdAt,
        createdBy,
        lastUsedAt,
        c.RevokedAt);

    public static AdminCredentialDto From(CredentialDetails d) => From(d.Credential, d.CreatedAt, d.CreatedBy, d.LastUsedAt);
}
