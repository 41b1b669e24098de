using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Core.Paging;

/// <summary>
/// Opaque page tokens: the last key seen, bound to a fingerprint of the query that produced it, so a
/// token replayed with other parameters is refused rather than silently giving the wrong page.
/// </summary>
public static class PageToken
{
    private const int FingerprintBytes = 8;
    private const int MaxKeyBytes = 128;

    public static string Create(string afterKey, string query)
    {
        ArgumentNullException.ThrowIfNull(afterKey);
        var key = Encoding.UTF8.GetBytes(afterKey);
        var bytes = new byte[FingerprintBytes + key.Length];
        Fingerprint(query, bytes);
        key.CopyTo(bytes, FingerprintBytes);
        return Base64UrlEncoder.Encode(bytes);
    }

    public static bool TryRead(string? token, string query, out string afterKey)
    {
        afterKey = string.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 2 * (FingerprintBytes + MaxKeyBytes))
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(token);
        }
        catch (FormatException)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[FingerprintBytes];
        Fingerprint(query, expected);
        if (bytes.Length <= FingerprintBytes || !expected.SequenceEqual(bytes.AsSpan(0, FingerprintBytes)))
        {
            return false;
        }

        try
        {
            afterKey = new UTF8Encoding(false, true).GetString(bytes, FingerprintBytes, bytes.Length - FingerprintBytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static void Fingerprint(string query, Span<byte> destination) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(query)).AsSpan(0, FingerprintBytes).CopyTo(destination);
}
