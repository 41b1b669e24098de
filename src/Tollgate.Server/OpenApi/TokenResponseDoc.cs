using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>The documented shape of a token answer (RFC 6749 §5.1; <c>issued_token_type</c> from RFC 8693 §2.2.1). Written by hand on the hot path.</summary>
internal sealed record TokenResponseDoc(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("issued_token_type")] string? IssuedTokenType = null);
