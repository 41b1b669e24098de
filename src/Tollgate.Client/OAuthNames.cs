namespace Tollgate.Client;

/// <summary>The OAuth 2.0 names the client sends and reads (RFC 6749 §4.4, §5.1, §5.2), in one place.</summary>
internal static class OAuthNames
{
    public const string GrantType = "grant_type";
    public const string ClientCredentials = "client_credentials";
    public const string Scope = "scope";
    public const string ClientAssertionType = "client_assertion_type";
    public const string ClientAssertion = "client_assertion";
    public const string AccessToken = "access_token";
    public const string ExpiresIn = "expires_in";
    public const string Error = "error";
    public const string ErrorDescription = "error_description";
    public const string InvalidResponse = "invalid_response";
    public const string TokenPath = "token";
    public const string MspTokenPath = "msp/auth/v1/token";
}
