using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;

namespace Tollgate.Core.Tokens;

/// <summary>What a validated access token says.</summary>
/// <remarks>
/// <see cref="SecretGeneration"/>: which of its credential's secrets the token was obtained with (0 before any rotation).
/// <see cref="Jkt"/>: the thumbprint of the DPoP key it is bound to (its <c>cnf.jkt</c>); null for a bearer token.
/// </remarks>
public sealed record AccessTokenInfo(
    CloudName Cloud,
    string Issuer,
    string Audience,
    string ClientId,
    ScopeSet Scopes,
    string? CustomerId,
    string? MspId,
    TokenActor? Actor,
    string JwtId,
    string? SessionId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    int SecretGeneration = 0,
    AdminRole Role = AdminRole.None,
    string? Jkt = null)
{
    public OwnerKind Kind => CustomerId is not null ? OwnerKind.Customer : MspId is not null ? OwnerKind.Msp : OwnerKind.Cloud;
}
