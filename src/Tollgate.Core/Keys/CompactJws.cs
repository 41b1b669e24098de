using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Core.Keys;

/// <summary>
/// A JWS in compact serialization (RFC 7515 §7.1) that a client signed: a client assertion or a DPoP proof. Read
/// strictly (three parts, JSON objects, a known asymmetric <c>alg</c>, no <c>crit</c>); the signature is checked by
/// <see cref="VerifiedBy"/>, never implied. Only what the callers ask for is read from the claims.
/// </summary>
public sealed class CompactJws : IDisposable
{
    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;
    private readonly byte[] _signingInput;
    private readonly byte[] _signature;

    private CompactJws(JsonDocument header, JsonDocument payload, byte[] signingInput, byte[] signature, string alg)
    {
        (_header, _payload, _signingInput, _signature, Alg) = (header, payload, signingInput, signature, alg);
    }

    public string Alg { get; }

    public JsonElement Header => _header.RootElement;

    public JsonElement Payload => _payload.RootElement;

    /// <summary>Reads <paramref name="text"/>; null, and why, when it is no signed JWS this server accepts.</summary>
    public static CompactJws? TryRead(string text, int maxLength, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text) || text.Length > maxLength)
        {
            error = "The JWT is empty or too long.";
            return null;
        }

        var first = text.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || text.IndexOf('.', second + 1) >= 0 || second == text.Length - 1)
        {
            // Two dots and a signature: an unsigned JWT (alg none, empty signature) stops here.
            error = "The JWT must be a signed JWS in compact form.";
            return null;
        }

        JsonDocument? header = null, payload = null;
        try
        {
            header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(text[..first]));
            payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(text[(first + 1)..second]));
            var signature = Base64UrlEncoder.DecodeBytes(text[(second + 1)..]);
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The JWT's header and claims must be JSON objects.";
            }
            else if (String(header.RootElement, "alg") is not { } alg || !PublicJwk.Algorithms.Contains(alg))
            {
                error = $"The JWT's alg must be one of: {string.Join(", ", PublicJwk.Algorithms)}.";
            }
            else if (header.RootElement.TryGetProperty("crit", out _))
            {
                // RFC 7515 §4.1.11: no critical extension is understood here.
                error = "The JWT names critical header parameters this server does not understand.";
            }
            else
            {
                var jws = new CompactJws(header, payload, Encoding.ASCII.GetBytes(text[..second]), signature, alg);
                (header, payload) = (null, null);
                return jws;
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            error = "The JWT is malformed.";
        }
        finally
        {
            header?.Dispose();
            payload?.Dispose();
        }

        return null;
    }

    /// <summary>Whether <paramref name="key"/> made the signature (under this JWS's alg, which the key must support).</summary>
    public bool VerifiedBy(PublicJwk key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verify(Alg, _signingInput, _signature);
    }

    public string? HeaderString(string name) => String(Header, name);

    public string? Claim(string name) => String(Payload, name);

    /// <summary>A NumericDate claim (RFC 7519 §2) as a time; null when absent or not a number.</summary>
    public DateTimeOffset? Time(string name) =>
        Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    /// <summary>Whether the <c>aud</c> claim (a string or an array of strings) names one of <paramref name="audiences"/>.</summary>
    public bool HasAudience(IEnumerable<string> audiences)
    {
        ArgumentNullException.ThrowIfNull(audiences);
        if (!Payload.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        var named = aud.ValueKind switch
        {
            JsonValueKind.String => [aud.GetString()!],
            JsonValueKind.Array => aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToArray(),
            _ => Array.Empty<string>(),
        };
        return named.Any(a => audiences.Any(expected => string.Equals(a.TrimEnd('/'), expected.TrimEnd('/'), StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
