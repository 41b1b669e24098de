using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>The documented form of introspection (RFC 7662 §2.1) and revocation (RFC 7009 §2.1).</summary>
internal sealed record TokenOperationFormDoc(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("token_type_hint")] string? TokenTypeHint = null,
    [property: JsonPropertyName("client_id")] string? ClientId = null,
    [property: JsonPropertyName("client_secret")] string? ClientSecret = null);
