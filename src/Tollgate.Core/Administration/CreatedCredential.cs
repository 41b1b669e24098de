using Tollgate.Core.Credentials;

namespace Tollgate.Core.Administration;

/// <summary>A credential just created or rotated, with its secret: the only time the secret exists outside the client.</summary>
public sealed record CreatedCredential(CredentialRecord Credential, string SecretKey)
{
    public override string ToString() => $"{Credential.ClientId} (secret withheld)";
}
