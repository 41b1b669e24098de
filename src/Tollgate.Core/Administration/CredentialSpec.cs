using Tollgate.Core.Credentials;

namespace Tollgate.Core.Administration;

/// <summary>
/// What a new credential is: whose, its name, scopes (None means all), allowed networks, administrator role, and
/// token quota ("60/m 10000/d"; null or empty for the cloud's default), and when it expires (null: never).
/// </summary>
public sealed record CredentialSpec(
    OwnerKind Owner,
    string OwnerId,
    string Name,
    ScopeSet Scopes,
    IReadOnlyCollection<string> Allow,
    AdminRole Role = AdminRole.None,
    string? Quota = null,
    DateTimeOffset? ExpiresAt = null);
