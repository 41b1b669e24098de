using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>The documented shape of the JWK Set (RFC 7517 §5): the keys that sign this cloud's tokens.</summary>
internal sealed record JwksDoc([property: JsonPropertyName("keys")] IReadOnlyList<JwkDoc> Keys);
