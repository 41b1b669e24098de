using System.Security.Cryptography;
using System.Text;
using Tollgate.Core.Credentials;
using Tollgate.Core.Keys;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;

namespace Tollgate.Core.Authentication;

/// <summary>
/// The rules of a client assertion (RFC 7523 §3): signed by one of the credential's keys with an allowed alg,
/// <c>iss</c> and <c>sub</c> the client id, an <c>aud</c> naming this server, a short <c>exp</c>, a <c>jti</c>.
/// The jti's one use is the replay store's to enforce (across nodes).
/// </summary>
public static class ClientAssertions
{
    /// <summary>The furthest ahead an assertion's <c>exp</c> may be: an assertion is made for one request.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    public const int MaxJtiLength = 256;

    /// <summary>What a checked assertion leaves for the replay check: its jti's key and how long to remember it.</summary>
    public readonly record struct Checked(string ReplayKey, DateTimeOffset Until);

    /// <summary>The assertion's replay key and lifetime, or why it does not authenticate <paramref name="credential"/>.</summary>
    public static Result<Checked> Check(string assertion, CredentialRecord credential, IEnumerable<string> audiences, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credential);
        using var jws = CompactJws.TryRead(assertion, PrivateKeyJwt.MaxAssertionLength, out var unreadable);
        if (jws is null)
        {
            return Refused(unreadable!);
        }

        if (credential.PublicKeys.IsEmpty)
        {
            return Refused("The credential has no public key registered for private_key_jwt.");
        }

        var kid = jws.HeaderString("kid");
        if (!credential.PublicKeys.Candidates(jws.Alg, kid).Any(jws.VerifiedBy))
        {
            return Refused(kid is not null && !credential.PublicKeys.Keys.Any(k => k.Kid == kid)
                ? $"The credential has no key with kid {kid}."
                : "The client assertion's signature does not verify with the credential's keys.");
        }

        if (jws.Claim(ClaimNames.Issuer) != credential.ClientId || jws.Claim(ClaimNames.Subject) != credential.ClientId)
        {
            return Refused("The client assertion's iss and sub must both be the client id.");
        }

        if (!jws.HasAudience(audiences))
        {
            return Refused("The client assertion's aud must name this token endpoint or the issuer.");
        }

        var skew = TokenTiming.ClockSkew;
        if (jws.Time(ClaimNames.Expires) is not { } expires)
        {
            return Refused("The client assertion needs an exp.");
        }

        if (expires <= now - skew)
        {
            return Refused("The client assertion expired.");
        }

        if (expires > now + MaxLifetime + skew)
        {
            return Refused($"The client assertion's exp is more than {MaxLifetime.TotalMinutes:0} minutes ahead.");
        }

        if (jws.Time(ClaimNames.NotBefore) is { } notBefore && notBefore > now + skew)
        {
            return Refused("The client assertion is not valid yet (nbf).");
        }

        if (jws.Time(ClaimNames.IssuedAt) is { } issuedAt && issuedAt > now + skew)
        {
            return Refused("The client assertion was issued in the future (iat).");
        }

        if (jws.Claim(ClaimNames.JwtId) is not { Length: > 0 and <= MaxJtiLength } jti)
        {
            return Refused($"The client assertion needs a jti of 1 to {MaxJtiLength} characters.");
        }

        return Result<Checked>.Success(new Checked(ReplayKey("assertion", credential.ClientId, jti), expires + skew));
    }

    /// <summary>A fixed-length key for a one-time value of <paramref name="issuer"/>: what the replay store keeps.</summary>
    public static string ReplayKey(string kind, string issuer, string jti) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{issuer}\n{jti}")));

    private static OAuthError Refused(string description) =>
        OAuthError.InvalidClient() with { Description = description, Reason = ClientAuthFailures.InvalidAssertion };
}
