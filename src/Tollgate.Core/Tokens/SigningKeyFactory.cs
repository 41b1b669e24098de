using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Core.Tokens;

/// <summary>Creates signing keys and loads them from their PKCS#8 form.</summary>
public static class SigningKeyFactory
{
    /// <summary>A new private key for <paramref name="algorithm"/>, as PKCS#8 bytes, and a fresh key id.</summary>
    public static (string Kid, byte[] Pkcs8) Create(string algorithm)
    {
        var kid = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        switch (algorithm)
        {
            case SigningAlgorithms.ES256:
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return (kid, ec.ExportPkcs8PrivateKey());
                }

            case SigningAlgorithms.RS256:
                using (var rsa = RSA.Create(2048))
                {
                    return (kid, rsa.ExportPkcs8PrivateKey());
                }

            default:
                throw new ArgumentException($"Unsupported signing algorithm '{algorithm}'.", nameof(algorithm));
        }
    }

    public static SigningKey Load(string kid, string algorithm, ReadOnlySpan<byte> pkcs8, DateTimeOffset createdAt, DateTimeOffset activatesAt)
    {
        AsymmetricSecurityKey key;
        JsonWebKey jwk;
        switch (algorithm)
        {
            case SigningAlgorithms.ES256:
                var ec = ECDsa.Create();
                ec.ImportPkcs8PrivateKey(pkcs8, out _);
                key = new ECDsaSecurityKey(ec) { KeyId = kid };
                using (var pub = ECDsa.Create(ec.ExportParameters(false)))
                {
                    jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(pub) { KeyId = kid });
                }

                break;
            case SigningAlgorithms.RS256:
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                key = new RsaSecurityKey(rsa) { KeyId = kid };
                jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = kid });
                break;
            default:
                throw new ArgumentException($"Unsupported signing algorithm '{algorithm}'.", nameof(algorithm));
        }

        jwk.Alg = algorithm;
        jwk.Use = JsonWebKeyUseNames.Sig;
        return new SigningKey(kid, algorithm, key, jwk, createdAt, activatesAt);
    }
}
