using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Admin;

/// <summary>
/// A credential as the admin API shows it: never its secret. <c>quota</c> is its own (null: the cloud's default);
/// during a rotation's grace, until when the previous secret works and when it was last used; <c>hasSecret</c> false for a
/// credential that authenticates with its keys alone, whose <c>keys</c> are its registered public keys.
/// </summary>
internal sealed record AdminCredentialDto(
    string ClientId,
    string Name,
    string Cloud,
    string OwnerKind,
    string OwnerId,
    string Scope,
    IReadOnlyList<string> Allow,
    string? Role,
    string? Quota,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? PreviousSecretUntil = null,
    DateTimeOffset? PreviousSecretLastUsedAt = null,
    bool HasSecret = true,
    IReadOnlyList<AdminClientKeyDto>? Keys = null,
    bool RequireDpop = false)
{
    public static AdminCredentialDto From(CredentialRecord c, DateTimeOffset createdAt, string createdBy, DateTimeOffset? lastUsedAt, DateTimeOffset? previousSecretLastUsedAt = null) => new(
        c.ClientId,
        c.Name,
        c.Cloud.Value,
        OwnerKinds.Name(c.Owner),
        c.OwnerId,
        Scopes.Format(c.Scopes),
        c.AllowList.IsEmpty ? [] : c.AllowList.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries),
        AdminRoles.Name(c.Role),
        c.Quota?.ToString(),
        createdAt,
        createdBy,
        lastUsedAt,
        c.RevokedAt,
        c.ExpiresAt,
        c.PreviousSecretHash is null ? null : c.PreviousSecretUntil,
        c.PreviousSecretHash is null ? null : previousSecretLastUsedAt,
        c.HasSecret,
        [.. c.PublicKeys.Keys.Select(k => new AdminClientKeyDto(k.Kid, k.Kty, k.Thumbprint))],
        c.RequireDpop);

    public static AdminCredentialDto From(CredentialDetails d) => From(d.Credential, d.CreatedAt, d.CreatedBy, d.LastUsedAt, d.PreviousSecretLastUsedAt);
}

/// <summary>A registered public key: its kid, its type, its RFC 7638 thumbprint.</summary>
internal sealed record AdminClientKeyDto(string Kid, string Kty, string Thumbprint);
