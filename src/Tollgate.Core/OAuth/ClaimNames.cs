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

    /// <summary>Which of the credential's secrets got the token: a rotation refuses every token of an older one.</summary>
    public const string SecretGeneration = "secretGeneration";

    /// <summary>The administrator role of the credential (see AdminRoles), only when it has one.</summary>
    public const string Role = "role";

    /// <summary>RFC 7515 §4.1.11: header parameters the recipient must understand.</summary>
    public const string Critical = "crit";

    /// <summary>RFC 7800 / RFC 9449 §6: the key a token is bound to, as <c>{"jkt": thumbprint}</c>.</summary>
    public const string Confirmation = "cnf";
    public const string JwkThumbprint = "jkt";
}
