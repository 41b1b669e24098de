namespace Tollgate.Core.OAuth;

/// <summary>Request and response parameter names (RFC 6749, RFC 7009, RFC 7662, RFC 8693).</summary>
public static class OAuthParameters
{
    public const string GrantType = "grant_type";
    public const string Scope = "scope";
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string Token = "token";
    public const string TokenTypeHint = "token_type_hint";
    public const string AccessToken = "access_token";
    public const string TokenType = "token_type";
    public const string ExpiresIn = "expires_in";
    public const string Error = "error";
    public const string ErrorDescription = "error_description";
    public const string SubjectToken = "subject_token";
    public const string SubjectTokenType = "subject_token_type";
    public const string Resource = "resource";
    public const string Audience = "audience";
    public const string IssuedTokenType = "issued_token_type";
    public const string RequestedTokenType = "requested_token_type";
    public const string ClientAssertionType = "client_assertion_type";
    public const string ClientAssertion = "client_assertion";
}
