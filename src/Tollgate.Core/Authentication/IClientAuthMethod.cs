using Tollgate.Core.OAuth;

namespace Tollgate.Core.Authentication;

/// <summary>
/// One way a client authenticates at the token, introspection and revocation endpoints. Each method reads
/// only what is its own; <see cref="ClientCredentialsParser"/> runs them all and insists on exactly one
/// (RFC 6749 §2.3). A new method (private_key_jwt) is one more class in the list, not a branch in another.
/// </summary>
public interface IClientAuthMethod
{
    /// <summary>The RFC 8414 / RFC 7591 name, as listed in <c>token_endpoint_auth_methods_supported</c>.</summary>
    string Name { get; }

    /// <summary>True when the method is sent in the Authorization header (the header is then this method's).</summary>
    bool UsesAuthorizationHeader { get; }

    /// <summary>
    /// The credentials this method finds in the request; <c>null</c> when the request does not use this method;
    /// an error when it uses it wrongly.
    /// </summary>
    Result<ClientCredentials?> Read(string? authorization, IReadOnlyDictionary<string, string> form);
}
