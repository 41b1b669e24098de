using Tollgate.Core.Credentials;

namespace Tollgate.Core.Stores;

/// <summary>A credential as an administrator lists it: what the token path knows, and its history.</summary>
public sealed record CredentialDetails(CredentialRecord Credential, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt);
