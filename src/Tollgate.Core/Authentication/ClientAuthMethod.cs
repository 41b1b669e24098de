namespace Tollgate.Core.Authentication;

/// <summary>How a client authenticated (RFC 7591 §2 names).</summary>
public enum ClientAuthMethod
{
    None = 0,
    ClientSecretBasic = 1,
    ClientSecretPost = 2,

    /// <summary>RFC 7523 §2.2: a JWT signed with the client's private key.</summary>
    PrivateKeyJwt = 3,
}
