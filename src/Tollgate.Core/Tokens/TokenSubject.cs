using Tollgate.Core.Credentials;

namespace Tollgate.Core.Tokens;

/// <summary>
/// Whom a token is for: the credential, what it owns, and (for MSP customer tokens) the acting MSP;
/// <see cref="SecretGeneration"/> is the generation of the secret that authenticated (the MSP's, for a customer token);
/// <see cref="Jkt"/> the thumbprint of the DPoP key the token is bound to (RFC 9449 §6), null for a bearer token.
/// </summary>
public sealed record TokenSubject(
    string ClientId,
    OwnerKind Kind,
    string? CustomerId,
    string? MspId,
    ScopeSet Scopes,
    TokenActor? Actor = null,
    int SecretGeneration = 0,
    AdminRole Role = AdminRole.None,
    string? Jkt = null);

/// <summary>RFC 8693 §4.1 <c>act</c>: the MSP that obtained a customer token.</summary>
public sealed record TokenActor(string Subject, string MspId);
