using Tollgate.Core.Credentials;

namespace Tollgate.Core.Administration;

/// <summary>
/// A credential just created or rotated, with its secret: the only time the secret exists outside the client. Null for a
/// credential created with public keys alone (it has no secret).
/// </summary>
public sealed record CreatedCredential(CredentialRecord Credential, string? SecretKey)
{
    public override string ToString() => $"{Credential.ClientId} (secret withheld)";
}
