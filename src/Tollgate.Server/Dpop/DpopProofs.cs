using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tollgate.Core.Clouds;
using Tollgate.Core.Keys;
using Tollgate.Core.OAuth;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;
using Tollgate.Server.Options;

namespace Tollgate.Server.Dpop;

/// <summary>
/// DPoP proofs where they arrive (RFC 9449): at the token endpoints, where a proof binds the token to its key and
/// its jti is used once across every node (the replay store); and on the protected APIs, where the proof must be of
/// the token's key and its jti is used once on this node (a store write per API call would cost the hot path what
/// the validation cache saves; a proof lives a minute, and with <see cref="DpopOptions.RequireNonce"/> cannot be
/// made ahead of time).
/// </summary>
internal sealed class DpopProofs(IReplayStore replays, DpopNonces nonces, TimeProvider time, IOptions<TollgateServerOptions> options)
{
    public const string HeaderName = "DPoP";
    public const string NonceHeader = "DPoP-Nonce";

    /// <summary>The <c>algs</c> of a DPoP challenge, and <c>dpop_signing_alg_values_supported</c>.</summary>
    public static string Algorithms { get; } = string.Join(' ', PublicJwk.Algorithms);

    private readonly DpopProofValidator _validator = new() { ProofLifetime = options.Value.Dpop.ProofLifetime };
    private readonly ProofReplayCache _seen = new(options.Value.Dpop.ProofLifetime + TokenTiming.ClockSkew + TokenTiming.ClockSkew, time);

    /// <summary>The key thumbprint a token request's proof binds to; null when the request sent none.</summary>
    public async ValueTask<Result<string?>> ReadAtTokenEndpointAsync(HttpContext context, CloudDefinition cloud)
    {
        var headers = context.Request.Headers[HeaderName];
        if (headers.Count == 0)
        {
            return Result<string?>.Success(null);
        }

        var proof = Check(context, cloud, headers, accessToken: null);
        if (!proof.Succeeded)
        {
            return proof.Error;
        }

        if (!await replays.TryUseAsync(proof.Value.ReplayKey, proof.Value.Until, context.RequestAborted).ConfigureAwait(false))
        {
            return OAuthError.InvalidDpopProof("The DPoP proof's jti was used before; make a new proof for each request.");
        }

        return Result<string?>.Success(proof.Value.Jkt);
    }

    /// <summary>A protected API's proof, for a token bound to <paramref name="jkt"/>.</summary>
    public OAuthError? CheckAtApi(HttpContext context, CloudDefinition cloud, string accessToken, string jkt)
    {
        var proof = Check(context, cloud, context.Request.Headers[HeaderName], accessToken);
        if (!proof.Succeeded)
        {
            return proof.Error;
        }

        if (proof.Value.Jkt != jkt)
        {
            return OAuthError.InvalidDpopProof("The DPoP proof is signed by another key than the one the token is bound to.");
        }

        return _seen.TryUse(jkt, proof.Value.Jti)
            ? null
            : OAuthError.InvalidDpopProof("The DPoP proof's jti was used before; make a new proof for each request.");
    }

    /// <summary>Forgets the proofs too old to be accepted again anyway.</summary>
    public void Sweep() => _seen.Rotate();

    /// <summary>A fresh nonce for a response, when nonces are required.</summary>
    public string? NonceToSend => nonces.Required ? nonces.Current() : null;

    private Result<DpopProof> Check(HttpContext context, CloudDefinition cloud, Microsoft.Extensions.Primitives.StringValues headers, string? accessToken)
    {
        if (headers.Count != 1 || string.IsNullOrEmpty(headers[0]))
        {
            return OAuthError.InvalidDpopProof(headers.Count > 1 ? "Send one DPoP proof, not several." : "A DPoP proof is required in the DPoP header.");
        }

        var url = cloud.Issuer.TrimEnd('/') + context.Request.Path.Value;
        var proof = _validator.Validate(headers[0]!, context.Request.Method, url, accessToken, time.GetUtcNow());
        if (proof.Succeeded && nonces.Required && !nonces.IsValid(proof.Value.Nonce))
        {
            return new OAuthError(OAuthErrors.UseDpopNonce, "Send the proof again with the nonce of the DPoP-Nonce header.") { DpopNonce = nonces.Current() };
        }

        return proof;
    }
}
