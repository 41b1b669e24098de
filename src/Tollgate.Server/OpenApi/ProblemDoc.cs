using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>The documented shape of the admin API's errors: RFC 9457 problem details with Tollgate's <c>code</c> extension member.</summary>
internal sealed record ProblemDoc(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("code")] string Code);
