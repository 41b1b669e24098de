using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Core.Keys;

/// <summary>
/// The public keys a credential's client signs its assertions with (RFC 7523 <c>private_key_jwt</c>): up to
/// <see cref="MaxKeys"/>, each with a distinct kid. Immutable: adding or removing a key makes a new set, so a
/// credential's keys rotate like anything else about it (a change, a journal row, an audit event).
/// </summary>
public sealed class ClientKeySet
{
    public const int MaxKeys = 10;

    private ClientKeySet(IReadOnlyList<PublicJwk> keys) => Keys = keys;

    public static ClientKeySet Empty { get; } = new([]);

    public IReadOnlyList<PublicJwk> Keys { get; }

    public bool IsEmpty => Keys.Count == 0;

    /// <summary>Reads a JWK or a JWK Set (RFC 7517 §4, §5), or a PEM public key; empty or blank text is the empty set.</summary>
    public static ClientKeySet? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        if (text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return FromPem(text, out error);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "Expected a JWK or a JWK Set (a JSON object).";
                return null;
            }

            if (!root.TryGetProperty("keys", out var keys))
            {
                return PublicJwk.TryRead(root, out error) is { } single ? new ClientKeySet([single]) : null;
            }

            if (keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() is 0 or > MaxKeys)
            {
                error = $"A JWK Set's keys must be an array of 1 to {MaxKeys} keys.";
                return null;
            }

            var read = new List<PublicJwk>();
            foreach (var key in keys.EnumerateArray())
            {
                if (PublicJwk.TryRead(key, out error) is not { } jwk)
                {
                    return null;
                }

                read.Add(jwk);
            }

            return Empty.Add(new ClientKeySet(read), out error);
        }
        catch (JsonException)
        {
            error = "The key is not valid JSON.";
            return null;
        }
    }

    /// <summary>A PEM public key (SubjectPublicKeyInfo, or PKCS#1 for RSA), as the JWK of its public members.</summary>
    private static ClientKeySet? FromPem(string pem, out string? error)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            error = "The PEM holds a private key; register the public key only (openssl pkey -pubout).";
            return null;
        }

        string jwk;
        try
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            var p = ec.ExportParameters(false);
            jwk = p.Curve.Oid?.Value == ECCurve.NamedCurves.nistP256.Oid.Value
                ? $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{Base64UrlEncoder.Encode(p.Q.X)}\",\"y\":\"{Base64UrlEncoder.Encode(p.Q.Y)}\"}}"
                : "{\"kty\":\"EC\",\"crv\":\"other\"}";
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                var p = rsa.ExportParameters(false);
                jwk = $"{{\"kty\":\"RSA\",\"n\":\"{Base64UrlEncoder.Encode(p.Modulus)}\",\"e\":\"{Base64UrlEncoder.Encode(p.Exponent)}\"}}";
            }
            catch (Exception inner) when (inner is CryptographicException or ArgumentException)
            {
                error = "The PEM is not an EC or RSA public key.";
                return null;
            }
        }

        using var document = JsonDocument.Parse(jwk);
        return PublicJwk.TryRead(document.RootElement, out error) is { } key ? new ClientKeySet([key]) : null;
    }

    /// <summary>This set with <paramref name="more"/> added; null (and why) on a repeated kid or too many keys.</summary>
    public ClientKeySet? Add(ClientKeySet more, out string? error)
    {
        ArgumentNullException.ThrowIfNull(more);
        error = null;
        var all = new List<PublicJwk>(Keys);
        foreach (var key in more.Keys)
        {
            if (all.Exists(k => k.Kid == key.Kid || k.Thumbprint == key.Thumbprint))
            {
                error = $"The credential already has the key {key.Kid}.";
                return null;
            }

            all.Add(key);
        }

        if (all.Count > MaxKeys)
        {
            error = $"A credential has at most {MaxKeys} keys.";
            return null;
        }

        return new ClientKeySet(all);
    }

    /// <summary>This set without the key <paramref name="kid"/>; null when there is no such key.</summary>
    public ClientKeySet? Remove(string kid)
    {
        var rest = Keys.Where(k => k.Kid != kid).ToList();
        return rest.Count == Keys.Count ? null : new ClientKeySet(rest);
    }

    /// <summary>The keys that may have signed a JWS with <paramref name="alg"/> and <paramref name="kid"/> (every key of the kind when no kid).</summary>
    public IEnumerable<PublicJwk> Candidates(string alg, string? kid) => Keys.Where(k => k.Supports(alg) && (kid is null || k.Kid == kid));

    /// <summary>The stored and published form: a JWK Set of the public members; empty text for no keys.</summary>
    public string ToJson()
    {
        if (IsEmpty)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in Keys)
            {
                key.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public override string ToString() => string.Join(", ", Keys);
}
