using System.Text.Json.Serialization;

namespace Tollgate.Server.Msp;

/// <summary>A name/value attribute of a customer.</summary>
internal sealed record CustomerAttribute(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);
