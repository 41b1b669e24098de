using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>The <c>act</c> claim of a customer token minted by an MSP (RFC 8693 §4.1).</summary>
internal sealed record ActorDoc(
    [property: JsonPropertyName("sub")] string Sub,
    [property: JsonPropertyName("mspId")] string MspId);
