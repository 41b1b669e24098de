using Tollgate.Core.Credentials;
using Tollgate.Core.Keys;

namespace Tollgate.Core.Administration;

/// <summary>
/// What a new credential is: whose, its name, scopes (None means all), allowed networks, administrator role, and
/// token quota ("60/m 10000/d"; null or empty for the cloud's default), and when it expires (null: never). With
/// <see cref="Keys"/> the client authenticates with <c>private_key_jwt</c>, and has no secret unless
/// <see cref="WithSecret"/>; <see cref="RequireDpop"/> makes every token it gets DPoP-bound.
/// </summary>
public sealed record CredentialSpec(
    OwnerKind Owner,
    string OwnerId,
    string Name,
    ScopeSet Scopes,
    IReadOnlyCollection<string> Allow,
    AdminRole Role = AdminRole.None,
    string? Quota = null,
    DateTimeOffset? ExpiresAt = null,
    ClientKeySet? Keys = null,
    bool WithSecret = false,
    bool RequireDpop = false);
