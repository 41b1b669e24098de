using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Core.Keys;

/// <summary>
/// A client's public key (RFC 7517): EC P-256 or RSA of at least 2048 bits, nothing else. Only the public members are
/// kept; <see cref="Thumbprint"/> is its RFC 7638 SHA-256 thumbprint (DPoP's <c>jkt</c>, and the key id when the JWK
/// names none). It verifies the JWS algorithms of its kind: ES256, or RS256 and PS256.
/// </summary>
public sealed class PublicJwk : IDisposable
{
    public const int MinRsaBits = 2048;
    public const int MaxRsaBits = 8192;

    /// <summary>The JWS algorithms a client key may sign with, in the order metadata lists them.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSha256];

    private readonly Lazy<AsymmetricAlgorithm> _key;

    private PublicJwk(string kty, string? crv, string? x, string? y, string? n, string? e, string? kid)
    {
        (Kty, Crv, X, Y, N, E) = (kty, crv, x, y, n, e);
        Thumbprint = ComputeThumbprint();
        Kid = kid ?? Thumbprint;
        _key = new Lazy<AsymmetricAlgorithm>(Import, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Kid { get; }

    public string Kty { get; }

    public string? Crv { get; }

    public string? X { get; }

    public string? Y { get; }

    public string? N { get; }

    public string? E { get; }

    public string Thumbprint { get; }

    public bool IsEc => Kty == "EC";

    /// <summary>Whether this key signs with <paramref name="alg"/>.</summary>
    public bool Supports(string alg) => IsEc ? alg == SecurityAlgorithms.EcdsaSha256 : alg is SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.RsaSsaPssSha256;

    /// <summary>Reads one JWK: a public EC P-256 or RSA (≥ 2048 bits) key, or the reason it is not one.</summary>
    public static PublicJwk? TryRead(JsonElement jwk, out string? error)
    {
        error = null;
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            error = "A JWK is a JSON object.";
            return null;
        }

        if (jwk.TryGetProperty("d", out _) || jwk.TryGetProperty("p", out _))
        {
            error = "The JWK holds a private key; register the public key only (keep the private key with the client).";
            return null;
        }

        if (jwk.TryGetProperty("use", out var use) && (use.ValueKind != JsonValueKind.String || use.GetString() != "sig"))
        {
            error = "The JWK's use must be sig.";
            return null;
        }

        string? kid = null;
        if (jwk.TryGetProperty("kid", out var kidElement))
        {
            kid = kidElement.ValueKind == JsonValueKind.String ? kidElement.GetString() : null;
            if (string.IsNullOrEmpty(kid) || kid.Length > 128 || kid.Any(c => c is < ' ' or > '~'))
            {
                error = "The JWK's kid must be 1 to 128 printable ASCII characters.";
                return null;
            }
        }

        switch (Text(jwk, "kty"))
        {
            case "EC":
                var (x, y) = (Text(jwk, "x"), Text(jwk, "y"));
                if (Text(jwk, "crv") != "P-256" || !IsBase64Url(x, 32) || !IsBase64Url(y, 32))
                {
                    error = "An EC key must be on curve P-256 with 32-byte x and y.";
                    return null;
                }

                var ec = new PublicJwk("EC", "P-256", x, y, null, null, kid);
                try
                {
                    _ = ec._key.Value; // a point not on the curve fails here, not at the first token
                }
                catch (CryptographicException)
                {
                    error = "The EC key's point is not on curve P-256.";
                    return null;
                }

                return ec;
            case "RSA":
                var (n, e) = (Text(jwk, "n"), Text(jwk, "e"));
                var modulus = Decode(n);
                var bits = modulus is null ? 0 : (modulus.Length - (modulus.Length > 0 && modulus[0] == 0 ? 1 : 0)) * 8;
                if (modulus is null || Decode(e) is not { Length: > 0 and <= 8 } || bits < MinRsaBits || bits > MaxRsaBits)
                {
                    error = $"An RSA key needs n of {MinRsaBits} to {MaxRsaBits} bits and e.";
                    return null;
                }

                return new PublicJwk("RSA", null, null, null, n, e, kid);
            default:
                error = "The key must be EC (P-256) or RSA (2048 bits or more).";
                return null;
        }
    }

    /// <summary>Verifies a JWS signature over <paramref name="signingInput"/> with this key under <paramref name="alg"/>.</summary>
    public bool Verify(string alg, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!Supports(alg))
        {
            return false;
        }

        try
        {
            return _key.Value switch
            {
                // RFC 7518 §3.4: the signature is R || S, 32 bytes each (.NET's default IEEE P1363 format).
                ECDsa ecdsa => signature.Length == 64 && ecdsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256),
                RSA rsa => rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, alg == SecurityAlgorithms.RsaSha256 ? RSASignaturePadding.Pkcs1 : RSASignaturePadding.Pss),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Writes the public members (and the kid) as a JWK object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("kty", Kty);
        writer.WriteString("kid", Kid);
        writer.WriteString("use", "sig");
        if (IsEc)
        {
            writer.WriteString("crv", Crv);
            writer.WriteString("x", X);
            writer.WriteString("y", Y);
        }
        else
        {
            writer.WriteString("n", N);
            writer.WriteString("e", E);
        }

        writer.WriteEndObject();
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    public override string ToString() => $"{Kty} {Kid}";

    /// <summary>RFC 7638 §3.2: the required members in lexicographic order, no whitespace, hashed with SHA-256.</summary>
    private string ComputeThumbprint()
    {
        var canonical = IsEc
            ? $"{{\"crv\":\"{Crv}\",\"kty\":\"EC\",\"x\":\"{X}\",\"y\":\"{Y}\"}}"
            : $"{{\"e\":\"{E}\",\"kty\":\"RSA\",\"n\":\"{N}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private AsymmetricAlgorithm Import()
    {
        if (IsEc)
        {
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = Decode(X), Y = Decode(Y) } });
        }

        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Decode(N), Exponent = Decode(E) });
        return rsa;
    }

    private static string? Text(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsBase64Url(string? text, int bytes) => Decode(text) is { } decoded && decoded.Length == bytes;

    private static byte[]? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 2048 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        try
        {
            return Base64UrlEncoder.DecodeBytes(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
