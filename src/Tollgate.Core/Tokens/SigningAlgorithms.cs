namespace Tollgate.Core.Tokens;

/// <summary>JWS algorithms Tollgate signs with (RFC 7518 §3.1).</summary>
public static class SigningAlgorithms
{
    public const string ES256 = "ES256";
    public const string RS256 = "RS256";

    public static bool IsSupported(string algorithm) => algorithm is ES256 or RS256;
}
