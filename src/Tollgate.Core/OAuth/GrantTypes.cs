namespace Tollgate.Core.OAuth;

/// <summary>Grant types this server accepts (RFC 6749 §4.4, RFC 8693 §2.1).</summary>
public static class GrantTypes
{
    public const string ClientCredentials = "client_credentials";
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";
}
