using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tollgate.Client;

/// <summary>
/// Signs the JWTs this client sends with a key of its own: client assertions (RFC 7523 §2.2, <c>private_key_jwt</c>)
/// and DPoP proofs (RFC 9449 §4.2). ES256 for a P-256 key, PS256 for RSA; the private key never leaves the process.
/// </summary>
internal sealed class ProofSigner
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly AsymmetricAlgorithm _key;
    private readonly string _alg;
    private readonly string _publicJwk;

    public ProofSigner(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        switch (key)
        {
            case ECDsa ec when ec.KeySize == 256:
                var p = ec.ExportParameters(includePrivateParameters: false);
                _alg = "ES256";
                _publicJwk = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{B64(p.Q.X!)}\",\"y\":\"{B64(p.Q.Y!)}\"}}";
                break;
            case RSA rsa when rsa.KeySize >= 2048:
                var r = rsa.ExportParameters(includePrivateParameters: false);
                _alg = "PS256";
                _publicJwk = $"{{\"e\":\"{B64(r.Exponent!)}\",\"kty\":\"RSA\",\"n\":\"{B64(r.Modulus!)}\"}}";
                break;
            default:
                throw new ArgumentException("The key must be an ECDsa P-256 key or an RSA key of 2048 bits or more.", nameof(key));
        }

        // RFC 7638: the members above are the required ones, in order, without whitespace.
        Thumbprint = B64(SHA256.HashData(Encoding.UTF8.GetBytes(_publicJwk)));
    }

    /// <summary>The key's RFC 7638 thumbprint: the <c>jkt</c> its tokens are bound to, and the key id when none is given.</summary>
    public string Thumbprint { get; }

    /// <summary>A client assertion for <paramref name="audience"/> (the token endpoint), good for a minute, used once.</summary>
    public string Assertion(string clientId, string audience, string? kid, DateTimeOffset now) =>
        Sign(header =>
        {
            if (kid is not null)
            {
                header.WriteString("kid", kid);
            }
        }, claims =>
        {
            claims.WriteString("iss", clientId);
            claims.WriteString("sub", clientId);
            claims.WriteString("aud", audience);
            claims.WriteString("jti", NewId());
            claims.WriteNumber("iat", now.ToUnixTimeSeconds());
            claims.WriteNumber("exp", now.ToUnixTimeSeconds() + 60);
        });

    /// <summary>A DPoP proof for one request (its method and URL), with the access token's hash and the server's nonce when given.</summary>
    public string Proof(string method, Uri url, string? accessToken, string? nonce, DateTimeOffset now) =>
        Sign(header =>
        {
            header.WriteString("typ", "dpop+jwt");
            header.WritePropertyName("jwk");
            header.WriteRawValue(_publicJwk);
        }, claims =>
        {
            claims.WriteString("jti", NewId());
            claims.WriteString("htm", method);
            claims.WriteString("htu", url.GetLeftPart(UriPartial.Path));
            claims.WriteNumber("iat", now.ToUnixTimeSeconds());
            if (accessToken is not null)
            {
                claims.WriteString("ath", B64(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))));
            }

            if (nonce is not null)
            {
                claims.WriteString("nonce", nonce);
            }
        });

    private string Sign(Action<Utf8JsonWriter> header, Action<Utf8JsonWriter> claims)
    {
        var signingInput = $"{Part(w => { w.WriteString("alg", _alg); header(w); })}.{Part(claims)}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = _key switch
        {
            // RFC 7518 §3.4: R || S (the IEEE P1363 form .NET produces by default).
            ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA256),
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => throw new InvalidOperationException("Unsupported key."),
        };
        return signingInput + "." + B64(signature);
    }

    private static string Part(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return B64(buffer.ToArray());
    }

    private static string NewId() => B64(RandomNumberGenerator.GetBytes(16));

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
