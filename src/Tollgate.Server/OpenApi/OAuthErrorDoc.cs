using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>The documented shape of an OAuth endpoint's error (RFC 6749 §5.2).</summary>
internal sealed record OAuthErrorDoc(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
