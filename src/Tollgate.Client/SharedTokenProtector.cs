using System.Security.Cryptography;
using System.Text;

namespace Tollgate.Client;

/// <summary>
/// Seals a token before it goes to the shared (distributed) cache: AES-256-GCM under a key derived (HKDF-SHA256) from
/// the credential's Secret Key, the entry's cache key as associated data. Whoever reads the cache (a Redis dump, a
/// neighbour on the same server) without the secret learns nothing and can forge nothing; workers holding the same
/// secret share the token. An entry sealed under another secret (after a rotation) does not open: a fresh token is
/// fetched instead.
/// </summary>
internal sealed class SharedTokenProtector
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key;

    public SharedTokenProtector(string secretKey, string clientId, Uri tokenEndpoint) =>
        _key = HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            Encoding.UTF8.GetBytes(secretKey),
            32,
            Encoding.UTF8.GetBytes("tollgate shared token cache v1"),
            Encoding.UTF8.GetBytes($"{tokenEndpoint}\n{clientId}"));

    public byte[] Seal(byte[] plaintext, string cacheKey)
    {
        var sealedBytes = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes, plaintext.Length), sealedBytes.AsSpan(NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(cacheKey));
        return sealedBytes;
    }

    /// <summary>The plaintext, or null when the entry is not one this secret sealed for this key.</summary>
    public byte[]? Open(byte[] sealedBytes, string cacheKey)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plaintext.Length), sealedBytes.AsSpan(NonceBytes + plaintext.Length), plaintext, Encoding.UTF8.GetBytes(cacheKey));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
