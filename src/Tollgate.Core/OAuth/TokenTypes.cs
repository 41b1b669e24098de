namespace Tollgate.Core.OAuth;

/// <summary>Token type strings.</summary>
public static class TokenTypes
{
    /// <summary>The <c>token_type</c> of a token response; lower case as Druva's service sends it (RFC 6749 §7.1 makes it case-insensitive).</summary>
    public const string Bearer = "bearer";

    /// <summary>RFC 9449 §5: a token bound to the client's DPoP key.</summary>
    public const string Dpop = "DPoP";

    /// <summary>RFC 9068 §2.1: the JOSE <c>typ</c> of a JWT access token.</summary>
    public const string AccessTokenJwt = "at+jwt";

    /// <summary>RFC 8693 §3.</summary>
    public const string AccessTokenUrn = "urn:ietf:params:oauth:token-type:access_token";
}
