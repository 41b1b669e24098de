using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>
/// The documented shape of a Druva-shaped API's error: <c>{"message"}</c> for 401, <c>{"message","errorCode"}</c>
/// for the explicit deny of another cloud's token, <c>{"code","message"}</c> otherwise.
/// </summary>
internal sealed record ApiErrorDoc(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("code")] string? Code = null,
    [property: JsonPropertyName("errorCode")] string? ErrorCode = null);
