using Tollgate.Core.Credentials;

namespace Tollgate.Core.Administration;

/// <summary>What a new credential is: whose, its name, scopes (None means all), allowed networks, and administrator role.</summary>
public sealed record CredentialSpec(
    OwnerKind Owner,
    string OwnerId,
    string Name,
    ScopeSet Scopes,
    IReadOnlyCollection<string> Allow,
    AdminRole Role = AdminRole.None);
