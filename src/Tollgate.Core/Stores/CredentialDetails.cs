using Tollgate.Core.Credentials;

namespace Tollgate.Core.Stores;

/// <summary>
/// A credential as an administrator lists it: what the token path knows, and its history. After a rotation with a
/// grace, <see cref="PreviousSecretLastUsedAt"/> says when the old secret was last used (when it went quiet).
/// </summary>
public sealed record CredentialDetails(
    CredentialRecord Credential,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? PreviousSecretLastUsedAt = null);
