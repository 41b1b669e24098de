namespace Tollgate.Core.Authentication;

/// <summary>A Client ID and secret as presented by a client, before they are checked.</summary>
public readonly record struct ClientCredentials(string ClientId, string Secret, ClientAuthMethod Method)
{
    public override string ToString() => $"{Method} {ClientId}"; // never the secret
}
