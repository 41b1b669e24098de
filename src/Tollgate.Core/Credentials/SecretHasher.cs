using System.Security.Cryptography;
using System.Text;

namespace Tollgate.Core.Credentials;

/// <summary>
/// Generates Client IDs and Secret Keys and checks a presented secret against its stored hash.
/// Secrets are 256-bit random values, so a fast hash is enough (no password stretching needed);
/// the version prefix lets a later scheme coexist with stored v1 hashes.
/// </summary>
public static class SecretHasher
{
    public const int CurrentVersion = 1;

    private const int ClientIdBytes = 24;
    private const int SecretBytes = 32;
    private const int HashBytes = 32;

    // A hash no secret produces: an unknown client id is checked against it so that
    // it costs the same as a known client id with a wrong secret.
    private static readonly byte[] DecoyHash = SHA256.HashData(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>A new Client ID: 24 random bytes in standard base64 (the documented shape, '/' and '+' included).</summary>
    public static string NewClientId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(ClientIdBytes));

    /// <summary>A new Secret Key: 32 random bytes in standard base64.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The stored form of a secret under <see cref="CurrentVersion"/>.</summary>
    public static byte[] Hash(string secret) => HashV1(secret);

    /// <summary>
    /// Checks <paramref name="secret"/> against <paramref name="storedHash"/> in time that does not depend
    /// on where they differ. Pass <c>null</c> for an unknown client to spend the same time and fail.
    /// </summary>
    public static bool Verify(string secret, int version, byte[]? storedHash)
    {
        var expected = storedHash ?? DecoyHash;
        Span<byte> actual = stackalloc byte[HashBytes];
        var ok = version == CurrentVersion && storedHash is not null;
        HashV1(secret, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && ok;
    }

    private static byte[] HashV1(string secret)
    {
        var hash = new byte[HashBytes];
        HashV1(secret, hash);
        return hash;
    }

    private static void HashV1(string secret, Span<byte> destination)
    {
        var max = Encoding.UTF8.GetMaxByteCount(secret.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : (rented = new byte[max]);
        var length = Encoding.UTF8.GetBytes(secret, buffer);
        SHA256.HashData(buffer[..length], destination);
        if (rented is not null)
        {
            CryptographicOperations.ZeroMemory(rented);
        }
    }
}
