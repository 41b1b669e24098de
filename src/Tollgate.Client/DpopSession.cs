using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Tollgate.Client;

/// <summary>
/// One client's DPoP key (RFC 9449) and the nonce its server last asked for: a proof for every request, signed with
/// the key its tokens are bound to. Thread-safe.
/// </summary>
internal sealed class DpopSession(ProofSigner signer, TimeProvider time)
{
    public const string ProofHeader = "DPoP";
    public const string NonceHeader = "DPoP-Nonce";
    public const string Scheme = "DPoP";

    private volatile string? _nonce;

    /// <summary>The thumbprint of the key (the <c>cnf.jkt</c> of its tokens).</summary>
    public string Thumbprint => signer.Thumbprint;

    /// <summary>Adds a fresh proof for <paramref name="request"/> (and its token, when it carries one).</summary>
    public void Sign(HttpRequestMessage request, string? accessToken)
    {
        request.Headers.Remove(ProofHeader);
        request.Headers.TryAddWithoutValidation(ProofHeader, signer.Proof(request.Method.Method, request.RequestUri!, accessToken, _nonce, time.GetUtcNow()));
    }

    /// <summary>
    /// Keeps the nonce a response carries; true when the server refused the proof for want of it (RFC 9449 §8, §9):
    /// the request is worth sending again with a new proof.
    /// </summary>
    public bool TakeNonce(HttpResponseMessage response, string? error)
    {
        if (!response.Headers.TryGetValues(NonceHeader, out var values) || values.FirstOrDefault() is not { Length: > 0 } nonce)
        {
            return false;
        }

        var changed = nonce != _nonce;
        _nonce = nonce;
        return changed && (error == "use_dpop_nonce" || IsNonceChallenge(response.Headers.WwwAuthenticate));
    }

    private static bool IsNonceChallenge(HttpHeaderValueCollection<AuthenticationHeaderValue> challenges) =>
        challenges.Any(c => string.Equals(c.Scheme, Scheme, StringComparison.OrdinalIgnoreCase)
            && c.Parameter?.Contains("use_dpop_nonce", StringComparison.Ordinal) == true);

    /// <summary>A new P-256 key, for a client that was given none: it lives as long as the process.</summary>
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
}
