using System.Text.Json.Serialization;

namespace Tollgate.Server.OpenApi;

/// <summary>The documented shape of the authorization server metadata (RFC 8414 §2).</summary>
internal sealed record MetadataDoc(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("introspection_endpoint")] string IntrospectionEndpoint,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    [property: JsonPropertyName("introspection_endpoint_auth_methods_supported")] IReadOnlyList<string> IntrospectionEndpointAuthMethodsSupported,
    [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")] IReadOnlyList<string> RevocationEndpointAuthMethodsSupported,
    [property: JsonPropertyName("token_endpoint_auth_signing_alg_values_supported")] IReadOnlyList<string> TokenEndpointAuthSigningAlgValuesSupported,
    [property: JsonPropertyName("introspection_endpoint_auth_signing_alg_values_supported")] IReadOnlyList<string> IntrospectionEndpointAuthSigningAlgValuesSupported,
    [property: JsonPropertyName("revocation_endpoint_auth_signing_alg_values_supported")] IReadOnlyList<string> RevocationEndpointAuthSigningAlgValuesSupported,
    [property: JsonPropertyName("dpop_signing_alg_values_supported")] IReadOnlyList<string> DpopSigningAlgValuesSupported,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("access_token_signing_alg_values_supported")] IReadOnlyList<string>? AccessTokenSigningAlgValuesSupported = null);
