using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Core.Paging;

/// <summary>
/// Opaque page tokens: the last key seen, bound to a fingerprint of the query that produced it, so a
/// token replayed with other filters is refused rather than silently giving the wrong page.
/// </summary>
public static class PageToken
{
    private const int FingerprintBytes = 8;

    public static string Create(long afterKey, string query)
    {
        Span<byte> bytes = stackalloc byte[8 + FingerprintBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, afterKey);
        Fingerprint(query, bytes[8..]);
        return Base64UrlEncoder.Encode(bytes.ToArray());
    }

    public static bool TryRead(string? token, string query, out long afterKey)
    {
        afterKey = 0;
        if (string.IsNullOrEmpty(token) || token.Length > 64)
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

        if (bytes.Length != 8 + FingerprintBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[FingerprintBytes];
        Fingerprint(query, expected);
        if (!expected.SequenceEqual(bytes.AsSpan(8)))
        {
            return false;
        }

        afterKey = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return afterKey >= 0;
    }

    private static void Fingerprint(string query, Span<byte> destination) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(query)).AsSpan(0, FingerprintBytes).CopyTo(destination);
}
