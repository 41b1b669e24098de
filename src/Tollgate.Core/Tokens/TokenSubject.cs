using Tollgate.Core.Credentials;

namespace Tollgate.Core.Tokens;

/// <summary>Whom a token is for: the credential, what it owns, and (for MSP customer tokens) the acting MSP.</summary>
public sealed record TokenSubject(
    string ClientId,
    OwnerKind Kind,
    string? CustomerId,
    string? MspId,
    ScopeSet Scopes,
    TokenActor? Actor = null);

/// <summary>RFC 8693 §4.1 <c>act</c>: the MSP that obtained a customer token.</summary>
public sealed record TokenActor(string Subject, string MspId);
