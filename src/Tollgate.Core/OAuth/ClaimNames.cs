namespace Tollgate.Core.OAuth;

/// <summary>Claims of a Tollgate access token (RFC 9068 §2.2, RFC 8693 §4.1, and Druva's own names).</summary>
public static class ClaimNames
{
    public const string Issuer = "iss";
    public const string Audience = "aud";
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string IssuedAt = "iat";
    public const string NotBefore = "nbf";
    public const string Expires = "exp";
    public const string JwtId = "jti";
    public const string Scope = "scope";
    public const string CloudId = "cloudId";
    public const string CustomerId = "customerId";
    public const string MspId = "mspId";
    public const string SessionId = "sessionId";
    public const string Actor = "act";
}
