using Tollgate.Core.Credentials;

namespace Tollgate.Core.Administration;

/// <summary>
/// What to change of a credential; null leaves it as it is (an empty <see cref="Allow"/> allows anywhere, an empty
/// <see cref="Quota"/> returns it to its cloud's default; <see cref="NeverExpires"/> lifts an expiry; <see cref="RequireDpop"/> turns DPoP binding on or off).
/// </summary>
public sealed record CredentialChanges(
    string? Name = null,
    ScopeSet? Scopes = null,
    IReadOnlyCollection<string>? Allow = null,
    string? Quota = null,
    DateTimeOffset? ExpiresAt = null,
    bool NeverExpires = false,
    bool? RequireDpop = null);
