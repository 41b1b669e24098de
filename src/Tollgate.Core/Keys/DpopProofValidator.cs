using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Authentication;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;

namespace Tollgate.Core.Keys;

/// <summary>
/// A DPoP proof that passed every check but its one use: its key's thumbprint, its jti, how long it must be remembered,
/// its nonce. <see cref="ReplayKey"/> is the fixed-length key the shared replay store keeps.
/// </summary>
public sealed record DpopProof(string Jkt, string Jti, DateTimeOffset Until, string? Nonce)
{
    public string ReplayKey => ClientAssertions.ReplayKey("dpop", Jkt, Jti);
}

/// <summary>
/// The checks of RFC 9449 §4.3 on one proof: a signed JWS with <c>typ</c> dpop+jwt, an allowed alg, a public
/// <c>jwk</c> that verifies it, <c>htm</c> and <c>htu</c> of this request, a recent <c>iat</c>, a <c>jti</c>, and
/// with an access token its <c>ath</c>. The one use of the jti and the nonce are the caller's (they depend on where
/// the proof is sent). This runs on every call to a protected API with a DPoP-bound token, so it is lean: a client
/// sends the same header with every proof, and a header seen before (its typ, alg and key, imported) is looked up,
/// not parsed again; the claims are read in one pass, with nothing kept but what is checked.
/// </summary>
public sealed class DpopProofValidator
{
    public const string ProofType = "dpop+jwt";
    public const int MaxProofLength = 4096;
    private const int MaxCachedHeaders = 10_000;

    private readonly ConcurrentDictionary<string, Header> _headers = new(StringComparer.Ordinal);

    /// <summary>How old a proof's <c>iat</c> may be (and, by the clock skew, how far ahead).</summary>
    public TimeSpan ProofLifetime { get; init; } = TimeSpan.FromMinutes(1);

    public Result<DpopProof> Validate(string proof, string method, string url, string? accessToken, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(proof) || proof.Length > MaxProofLength)
        {
            return Invalid("The DPoP proof is empty or too long.");
        }

        var first = proof.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : proof.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || proof.IndexOf('.', second + 1) >= 0 || second == proof.Length - 1)
        {
            return Invalid("The DPoP proof must be a signed JWS in compact form.");
        }

        var lookup = _headers.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(proof.AsSpan(0, first), out var header))
        {
            var read = ReadHeader(proof[..first]);
            if (!read.Succeeded)
            {
                return read.Error;
            }

            header = read.Value;
            if (_headers.Count >= MaxCachedHeaders)
            {
                _headers.Clear();
            }

            _headers.TryAdd(proof[..first], header);
        }

        if (!Verify(proof, second, header))
        {
            return Invalid("The DPoP proof's signature does not verify with its jwk.");
        }

        if (!Claims.TryRead(proof.AsSpan(first + 1, second - first - 1), out var claims))
        {
            return Invalid("The DPoP proof's claims are malformed.");
        }

        if (claims.Htm != method)
        {
            return Invalid($"The DPoP proof's htm must be {method}.");
        }

        // Clients send the URL as it is; only another spelling of it needs the RFC 3986 comparison.
        if (claims.Htu is not { } htu || !(string.Equals(htu, url, StringComparison.Ordinal) || SameTarget(htu, url)))
        {
            return Invalid($"The DPoP proof's htu must be {url}.");
        }

        var skew = TokenTiming.ClockSkew;
        if (claims.IssuedAt is not { } seconds || seconds is <= 0 or >= 253402300799)
        {
            return Invalid($"The DPoP proof's iat must be within {ProofLifetime.TotalSeconds:0} seconds of now.");
        }

        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        if (issuedAt > now + skew || issuedAt < now - ProofLifetime - skew)
        {
            return Invalid($"The DPoP proof's iat must be within {ProofLifetime.TotalSeconds:0} seconds of now.");
        }

        if (claims.Jti is not { Length: > 0 and <= ClientAssertions.MaxJtiLength } jti)
        {
            return Invalid("The DPoP proof needs a jti.");
        }

        if (accessToken is not null && (claims.Ath is not { } ath || !AthMatches(ath, accessToken)))
        {
            return Invalid("The DPoP proof's ath must be the SHA-256 of the access token it is sent with.");
        }

        return Result<DpopProof>.Success(new DpopProof(header.Key.Thumbprint, jti, issuedAt + ProofLifetime + skew + skew, claims.Nonce));
    }

    /// <summary>RFC 9449 §4.2 <c>ath</c>: base64url of the SHA-256 of the access token's ASCII.</summary>
    public static string Ath(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
    }

    /// <summary>RFC 9449 §4.3 item 9: the same URI without query and fragment, after syntax-based normalization.</summary>
    public static bool SameTarget(string htu, string url) =>
        Uri.TryCreate(htu, UriKind.Absolute, out var sent) && Uri.TryCreate(url, UriKind.Absolute, out var expected)
        && (sent.Scheme == Uri.UriSchemeHttps || sent.Scheme == Uri.UriSchemeHttp)
        && string.Equals(sent.GetLeftPart(UriPartial.Path), expected.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);

    /// <summary>A header not seen before: typ, alg, no crit, and a public key of an allowed kind that supports the alg.</summary>
    private static Result<Header> ReadHeader(string segment)
    {
        // The header alone, read by the strict reader every JWS here goes through (with empty claims, "e30", and a
        // placeholder signature: the real one is verified against the key this returns).
        using var jws = CompactJws.TryRead(segment + ".e30.AA", MaxProofLength, out var unreadable);
        if (jws is null)
        {
            return Invalid("The DPoP proof: " + unreadable);
        }

        if (jws.HeaderString("typ") != ProofType)
        {
            return Invalid($"The DPoP proof's typ must be {ProofType}.");
        }

        if (!jws.Header.TryGetProperty("jwk", out var jwkElement))
        {
            return Invalid("The DPoP proof's header needs the public key as jwk.");
        }

        if (PublicJwk.TryRead(jwkElement, out var badKey) is not { } key)
        {
            return Invalid("The DPoP proof's jwk: " + badKey);
        }

        if (!key.Supports(jws.Alg))
        {
            return Invalid("The DPoP proof's signature does not verify with its jwk.");
        }

        return Result<Header>.Success(new Header(jws.Alg, key));
    }

    private static bool Verify(string proof, int second, Header header)
    {
        var input = ArrayPool<byte>.Shared.Rent(second);
        var signature = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(proof.Length - second - 1));
        try
        {
            var inputLength = Encoding.ASCII.GetBytes(proof.AsSpan(0, second), input);
            return Base64Url.TryDecodeFromChars(proof.AsSpan(second + 1), signature, out var signatureLength)
                && header.Key.Verify(header.Alg, input.AsSpan(0, inputLength), signature.AsSpan(0, signatureLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(signature);
        }
    }

    private static bool AthMatches(string ath, string accessToken)
    {
        Span<byte> hash = stackalloc byte[32];
        var bytes = ArrayPool<byte>.Shared.Rent(accessToken.Length);
        try
        {
            var length = Encoding.ASCII.GetBytes(accessToken, bytes);
            SHA256.HashData(bytes.AsSpan(0, length), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        Span<char> expected = stackalloc char[43];
        return Base64Url.TryEncodeToChars(hash, expected, out var written) && ath.AsSpan().SequenceEqual(expected[..written]);
    }

    private static OAuthError Invalid(string description) => OAuthError.InvalidDpopProof(description);

    private sealed record Header(string Alg, PublicJwk Key);

    /// <summary>The claims a proof is checked on, read in one pass of its JSON (anything else in it is skipped).</summary>
    private ref struct Claims
    {
        public string? Jti;
        public string? Htm;
        public string? Htu;
        public string? Ath;
        public string? Nonce;
        public double? IssuedAt;

        public static bool TryRead(ReadOnlySpan<char> segment, out Claims claims)
        {
            claims = default;
            var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(segment.Length));
            try
            {
                if (!Base64Url.TryDecodeFromChars(segment, buffer, out var length))
                {
                    return false;
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(0, length));
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.ValueSpan;
                    var escaped = reader.ValueIsEscaped;
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (escaped)
                    {
                        reader.Skip();
                        continue;
                    }

                    if (name.SequenceEqual("iat"u8))
                    {
                        claims.IssuedAt = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var iat) ? iat : null;
                    }
                    else if (reader.TokenType == JsonTokenType.String)
                    {
                        if (name.SequenceEqual("jti"u8))
                        {
                            claims.Jti = reader.GetString();
                        }
                        else if (name.SequenceEqual("htm"u8))
                        {
                            claims.Htm = reader.GetString();
                        }
                        else if (name.SequenceEqual("htu"u8))
                        {
                            claims.Htu = reader.GetString();
                        }
                        else if (name.SequenceEqual("ath"u8))
                        {
                            claims.Ath = reader.GetString();
                        }
                        else if (name.SequenceEqual("nonce"u8))
                        {
                            claims.Nonce = reader.GetString();
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                // Nothing may follow the object (trailing data makes the reader throw).
                return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
