using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Testing;

/// <summary>
/// A client's key pair for tests: its public JWK (what an administrator registers), and JWTs signed with it exactly as a
/// test wants them — right, or wrong in one chosen way (another alg, none, a missing claim…). Written here from the RFCs,
/// independently of the server's and the SDK's code.
/// </summary>
public sealed class TestKey : IDisposable
{
    private TestKey(AsymmetricAlgorithm key, string alg)
    {
        Key = key;
        Alg = alg;
    }

    public AsymmetricAlgorithm Key { get; }

    /// <summary>The alg this key signs with by default.</summary>
    public string Alg { get; }

    public static TestKey Ec() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), "ES256");

    public static TestKey Rsa(int bits = 2048) => new(RSA.Create(bits), "PS256");

    /// <summary>The public key's members, without kid: the RFC 7638 required members.</summary>
    public JsonObject PublicJwk(string? kid = null)
    {
        JsonObject jwk;
        if (Key is ECDsa ec)
        {
            var p = ec.ExportParameters(false);
            jwk = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) };
        }
        else
        {
            var p = ((RSA)Key).ExportParameters(false);
            jwk = new JsonObject { ["kty"] = "RSA", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) };
        }

        if (kid is not null)
        {
            jwk["kid"] = kid;
        }

        return jwk;
    }

    /// <summary>RFC 7638 §3: the thumbprint of the public key (a DPoP token's cnf.jkt).</summary>
    public string Thumbprint
    {
        get
        {
            var jwk = PublicJwk();
            var canonical = Key is ECDsa
                ? $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{jwk["x"]}\",\"y\":\"{jwk["y"]}\"}}"
                : $"{{\"e\":\"{jwk["e"]}\",\"kty\":\"RSA\",\"n\":\"{jwk["n"]}\"}}";
            return B64(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }

    /// <summary>The private key as a PKCS#8 PEM file's text (what `tollgate token --key` reads).</summary>
    public string PrivatePem() => Key.ExportPkcs8PrivateKeyPem();

    /// <summary>The public key as a PEM SubjectPublicKeyInfo.</summary>
    public string PublicPem() => Key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A client assertion (RFC 7523 §3); <paramref name="change"/> alters its header or claims first.</summary>
    public string Assertion(string clientId, string audience, DateTimeOffset now, Action<JsonObject, JsonObject>? change = null, string? kid = null)
    {
        var header = new JsonObject { ["alg"] = Alg };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var claims = new JsonObject
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = audience,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.ToUnixTimeSeconds() + 60,
        };
        change?.Invoke(header, claims);
        return Sign(header, claims);
    }

    /// <summary>A DPoP proof (RFC 9449 §4.2); <paramref name="change"/> alters its header or claims first.</summary>
    public string Proof(string method, string url, DateTimeOffset now, string? accessToken = null, string? nonce = null, Action<JsonObject, JsonObject>? change = null)
    {
        var header = new JsonObject { ["typ"] = "dpop+jwt", ["alg"] = Alg, ["jwk"] = PublicJwk() };
        var claims = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["htm"] = method,
            ["htu"] = url,
            ["iat"] = now.ToUnixTimeSeconds(),
        };
        if (accessToken is not null)
        {
            claims["ath"] = B64(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        }

        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        change?.Invoke(header, claims);
        return Sign(header, claims);
    }

    /// <summary>Signs under the header's alg: ES256, RS256, PS256, HS256 (with a made-up key) or none (no signature).</summary>
    public string Sign(JsonObject header, JsonObject claims)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(claims);
        var input = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var data = Encoding.ASCII.GetBytes(input);
        var signature = header["alg"]?.GetValue<string>() switch
        {
            "none" => [],
            "HS256" => HMACSHA256.HashData(Encoding.UTF8.GetBytes("a guessable shared key of 32 bytes"), data),
            "RS256" => ((RSA)Key).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "PS256" => ((RSA)Key).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => ((ECDsa)Key).SignData(data, HashAlgorithmName.SHA256),
        };
        return input + "." + B64(signature);
    }

    public void Dispose() => Key.Dispose();

    private static string B64(byte[] bytes) => Base64UrlEncoder.Encode(bytes);
}
