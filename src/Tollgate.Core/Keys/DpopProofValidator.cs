using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Authentication;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;

namespace Tollgate.Core.Keys;

/// <summary>A DPoP proof that passed every check but its one use: its key's thumbprint, its replay key and lifetime, its nonce.</summary>
public sealed record DpopProof(string Jkt, string ReplayKey, DateTimeOffset Until, string? Nonce);

/// <summary>
/// The checks of RFC 9449 §4.3 on one proof: a signed JWS with <c>typ</c> dpop+jwt, an allowed alg, a public
/// <c>jwk</c> that verifies it, <c>htm</c> and <c>htu</c> of this request, a recent <c>iat</c>, a <c>jti</c>, and
/// with an access token its <c>ath</c>. The one use of the jti and the nonce are the caller's (they depend on where
/// the proof is sent). The keys proofs carry are kept, imported once, for the next proof of the same key.
/// </summary>
public sealed class DpopProofValidator
{
    public const string ProofType = "dpop+jwt";
    public const int MaxProofLength = 4096;
    private const int MaxCachedKeys = 10_000;

    private readonly ConcurrentDictionary<string, PublicJwk> _keys = new(StringComparer.Ordinal);

    /// <summary>How old a proof's <c>iat</c> may be (and, by the clock skew, how far ahead).</summary>
    public TimeSpan ProofLifetime { get; init; } = TimeSpan.FromMinutes(1);

    public Result<DpopProof> Validate(string proof, string method, string url, string? accessToken, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        using var jws = CompactJws.TryRead(proof, MaxProofLength, out var unreadable);
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

        var raw = jwkElement.GetRawText();
        if (!_keys.TryGetValue(raw, out var key))
        {
            key = PublicJwk.TryRead(jwkElement, out var badKey);
            if (key is null)
            {
                return Invalid("The DPoP proof's jwk: " + badKey);
            }

            if (_keys.Count >= MaxCachedKeys)
            {
                _keys.Clear();
            }

            _keys.TryAdd(raw, key);
        }

        if (!jws.VerifiedBy(key))
        {
            return Invalid("The DPoP proof's signature does not verify with its jwk.");
        }

        if (jws.Claim("htm") != method)
        {
            return Invalid($"The DPoP proof's htm must be {method}.");
        }

        if (jws.Claim("htu") is not { } htu || !SameTarget(htu, url))
        {
            return Invalid($"The DPoP proof's htu must be {url}.");
        }

        var skew = TokenTiming.ClockSkew;
        if (jws.Time(ClaimNames.IssuedAt) is not { } issuedAt || issuedAt > now + skew || issuedAt < now - ProofLifetime - skew)
        {
            return Invalid($"The DPoP proof's iat must be within {ProofLifetime.TotalSeconds:0} seconds of now.");
        }

        if (jws.Claim(ClaimNames.JwtId) is not { Length: > 0 and <= ClientAssertions.MaxJtiLength } jti)
        {
            return Invalid("The DPoP proof needs a jti.");
        }

        if (accessToken is not null && jws.Claim("ath") != Ath(accessToken))
        {
            return Invalid("The DPoP proof's ath must be the SHA-256 of the access token it is sent with.");
        }

        return Result<DpopProof>.Success(new DpopProof(key.Thumbprint, ClientAssertions.ReplayKey("dpop", key.Thumbprint, jti), issuedAt + ProofLifetime + skew + skew, jws.Claim("nonce")));
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

    private static OAuthError Invalid(string description) => OAuthError.InvalidDpopProof(description);
}
