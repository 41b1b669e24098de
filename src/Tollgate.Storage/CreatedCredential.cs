using Tollgate.Storage.Entities;

namespace Tollgate.Storage;

/// <summary>A credential just created or rotated, with its secret: the only time the secret exists outside the client.</summary>
public sealed record CreatedCredential(CredentialEntity Credential, string SecretKey);
