using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>One public key (RFC 7517 §4): EC (<c>crv</c>, <c>x</c>, <c>y</c>) or RSA (<c>n</c>, <c>e</c>).</summary>
internal sealed record JwkDoc(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("crv")] string? Crv = null,
    [property: JsonPropertyName("x")] string? X = null,
    [property: JsonPropertyName("y")] string? Y = null,
    [property: JsonPropertyName("n")] string? N = null,
    [property: JsonPropertyName("e")] string? E = null);
