namespace Tollgate.Server.Options;

/// <summary>
/// <c>Tollgate:Dpop</c>: sender-constrained tokens (RFC 9449). Proofs are always accepted; these settings make them
/// stricter.
/// </summary>
public sealed class DpopOptions
{
    /// <summary>Proofs must carry a nonce this server issued (RFC 9449 §8, §9): a proof cannot be made ahead of time.</summary>
    public bool RequireNonce { get; set; }

    /// <summary>How long a nonce is good for: a nonce is accepted in its own period and the one after.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The key nonces are made with (base64, 32 bytes), the same on every node so that a nonce from one works on all;
    /// empty: a random key per process (one node, or nodes that each hand out their own).
    /// </summary>
    public string NonceKey { get; set; } = string.Empty;

    /// <summary>How old a proof's iat may be.</summary>
    public TimeSpan ProofLifetime { get; set; } = TimeSpan.FromMinutes(1);
}
