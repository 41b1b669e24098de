namespace Tollgate.Server.Admin;

/// <summary>
/// The body of <c>POST /admin/v1/credentials</c>: <c>ownerKind</c> customer, msp or cloud; <c>ownerId</c> the
/// customer's GCID, the MSP's id, or the cloud's name; <c>scope</c> "read", "write" or both (default both);
/// <c>allow</c> CIDR blocks; <c>role</c> an administrator role or absent; <c>quota</c> tokens per m/h/d
/// ("60/m", "60/m 10000/d") or absent for the cloud's default; <c>expiresAt</c> when it stops working (absent: never);
/// <c>jwks</c> a public JWK or JWK Set for private_key_jwt (then no secret unless <c>withSecret</c>); <c>requireDpop</c>
/// true to issue DPoP-bound tokens only.
/// </summary>
internal sealed record AdminCredentialInput(
    string? Name,
    string? OwnerKind,
    string? OwnerId,
    string? Scope,
    IReadOnlyList<string>? Allow,
    string? Role,
    string? Quota = null,
    DateTimeOffset? ExpiresAt = null,
    System.Text.Json.JsonElement? Jwks = null,
    bool? WithSecret = null,
    bool? RequireDpop = null);
