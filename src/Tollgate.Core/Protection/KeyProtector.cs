using System.Security.Cryptography;
using System.Text;

namespace Tollgate.Core.Protection;

/// <summary>
/// Encrypts signing keys at rest with AES-256-GCM under the master key. The key id is bound as
/// associated data, so a ciphertext moved to another row fails to decrypt.
/// Layout: version (1 byte) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class KeyProtector : IDisposable
{
    public const int MasterKeyBytes = 32;
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly AesGcm _aes;

    public KeyProtector(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length != MasterKeyBytes)
        {
            throw new ArgumentException($"The master key must be {MasterKeyBytes} bytes.", nameof(masterKey));
        }

        _aes = new AesGcm(masterKey, TagBytes);
    }

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string keyId)
    {
        var output = new byte[1 + NonceBytes + TagBytes + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceBytes + TagBytes), output.AsSpan(1 + NonceBytes, TagBytes), Encoding.UTF8.GetBytes(keyId));
        return output;
    }

    /// <exception cref="CryptographicException">The master key is not the one that protected it, or the data was altered.</exception>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string keyId)
    {
        if (protectedData.Length < 1 + NonceBytes + TagBytes || protectedData[0] != Version)
        {
            throw new CryptographicException("Unknown protected-key format.");
        }

        var plaintext = new byte[protectedData.Length - 1 - NonceBytes - TagBytes];
        _aes.Decrypt(
            protectedData.Slice(1, NonceBytes),
            protectedData[(1 + NonceBytes + TagBytes)..],
            protectedData.Slice(1 + NonceBytes, TagBytes),
            plaintext,
            Encoding.UTF8.GetBytes(keyId));
        return plaintext;
    }

    public void Dispose() => _aes.Dispose();
}
