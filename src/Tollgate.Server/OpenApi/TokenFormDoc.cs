using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>
/// The documented form of a token request: <c>client_credentials</c> (RFC 6749 §4.4.2, the client in HTTP Basic or
/// in <c>client_id</c>/<c>client_secret</c>) or RFC 8693 token exchange at <c>/token</c>.
/// </summary>
internal sealed record TokenFormDoc(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("scope")] string? Scope = null,
    [property: JsonPropertyName("client_id")] string? ClientId = null,
    [property: JsonPropertyName("client_secret")] string? ClientSecret = null,
    [property: JsonPropertyName("client_assertion_type")] string? ClientAssertionType = null,
    [property: JsonPropertyName("client_assertion")] string? ClientAssertion = null,
    [property: JsonPropertyName("subject_token")] string? SubjectToken = null,
    [property: JsonPropertyName("subject_token_type")] string? SubjectTokenType = null,
    [property: JsonPropertyName("resource")] string? Resource = null,
    [property: JsonPropertyName("audience")] string? Audience = null,
    [property: JsonPropertyName("requested_token_type")] string? RequestedTokenType = null);
