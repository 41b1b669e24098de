namespace Tollgate.Core.Authentication;

/// <summary>
/// A Client ID and what proves it, as presented by a client, before they are checked: the secret, or for
/// <see cref="ClientAuthMethod.PrivateKeyJwt"/> the signed client assertion.
/// </summary>
public readonly record struct ClientCredentials(string ClientId, string Secret, ClientAuthMethod Method)
{
    public override string ToString() => $"{Method} {ClientId}"; // never the secret
}
