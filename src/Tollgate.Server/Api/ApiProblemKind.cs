namespace Tollgate.Server.Api;

/// <summary>What went wrong on a protected API; <see cref="ApiResults"/> maps each to its status, headers and body.</summary>
internal enum ApiProblemKind
{
    /// <summary>No bearer credentials at all (RFC 6750 §3.1: a challenge without an error code).</summary>
    NoToken,

    /// <summary>A bearer token that is malformed, expired, revoked or not Tollgate's.</summary>
    InvalidToken,

    /// <summary>A DPoP proof that is missing, malformed, replayed or not of this request or token (RFC 9449 §7.1).</summary>
    InvalidDpopProof,

    /// <summary>A DPoP proof without the server's current nonce (RFC 9449 §9): the challenge carries a fresh one.</summary>
    UseDpopNonce,

    /// <summary>A valid token without the scope the call needs (RFC 6750 §3.1).</summary>
    InsufficientScope,

    /// <summary>A valid token of another cloud: Druva's explicit deny.</summary>
    ExplicitDeny,

    Forbidden,
    BadRequest,
    NotFound,
    MethodNotAllowed,
    Conflict,

    /// <summary>An <c>If-Match</c> that no longer matches (RFC 9110 §13.1.1): someone changed the resource meanwhile.</summary>
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,

    /// <summary>A quota used up (RFC 6585 §4): Retry-After says when to try again.</summary>
    TooManyRequests,

    /// <summary>The store (or the signing keys) cannot serve this call right now; the client retries.</summary>
    Unavailable,

    /// <summary>A bug: the client learns nothing more.</summary>
    Internal,

    /// <summary>A failure the framework already gave its status (routing, Kestrel's limits): only the body is written.</summary>
    Other,
}
