using Tollgate.Core.Credentials;

namespace Tollgate.Core.Tokens;

/// <summary>
/// Whom a token is for: the credential, what it owns, and (for MSP customer tokens) the acting MSP;
/// <see cref="SecretGeneration"/> is the generation of the secret that authenticated (the MSP's, for a customer token).
/// </summary>
public sealed record TokenSubject(
    string ClientId,
    OwnerKind Kind,
    string? CustomerId,
    string? MspId,
    ScopeSet Scopes,
    TokenActor? Actor = null,
    int SecretGeneration = 0,
    AdminRole Role = AdminRole.None);

/// <summary>RFC 8693 §4.1 <c>act</c>: the MSP that obtained a customer token.</summary>
public sealed record TokenActor(string Subject, string MspId);
