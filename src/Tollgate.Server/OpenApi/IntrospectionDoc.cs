using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>The documented shape of an introspection answer (RFC 7662 §2.2): <c>{"active":false}</c> alone, or every claim.</summary>
internal sealed record IntrospectionDoc(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("scope")] string? Scope = null,
    [property: JsonPropertyName("client_id")] string? ClientId = null,
    [property: JsonPropertyName("token_type")] string? TokenType = null,
    [property: JsonPropertyName("exp")] long? Exp = null,
    [property: JsonPropertyName("iat")] long? Iat = null,
    [property: JsonPropertyName("nbf")] long? Nbf = null,
    [property: JsonPropertyName("sub")] string? Sub = null,
    [property: JsonPropertyName("aud")] string? Aud = null,
    [property: JsonPropertyName("iss")] string? Iss = null,
    [property: JsonPropertyName("jti")] string? Jti = null,
    [property: JsonPropertyName("cloudId")] string? CloudId = null,
    [property: JsonPropertyName("customerId")] string? CustomerId = null,
    [property: JsonPropertyName("mspId")] string? MspId = null,
    [property: JsonPropertyName("act")] ActorDoc? Act = null,
    [property: JsonPropertyName("cnf")] ConfirmationDoc? Cnf = null);

/// <summary>RFC 9449 §6: the DPoP key a token is bound to.</summary>
internal sealed record ConfirmationDoc([property: JsonPropertyName("jkt")] string Jkt);
