using System.Net.Mime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Tollgate.Server.OAuth;

namespace Tollgate.Server.OpenApi;

/// <summary>
/// The OAuth endpoints in the OpenAPI document. They are plain request delegates that write their answers by
/// hand (the hot path), so the API explorer does not see them: their operations are described here, with schemas
/// made from the documentation records by the same generator as every other schema.
/// </summary>
internal sealed class OAuthPaths : IOpenApiDocumentTransformer
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Tag = "OAuth";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        async Task<IOpenApiSchema> SchemaAsync<T>()
        {
            var name = typeof(T).Name;
            if (!document.Components.Schemas.ContainsKey(name))
            {
                document.Components.Schemas[name] = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken).ConfigureAwait(false);
            }

            return new OpenApiSchemaReference(name, document);
        }

        var token = await SchemaAsync<TokenResponseDoc>().ConfigureAwait(false);
        var error = await SchemaAsync<OAuthErrorDoc>().ConfigureAwait(false);
        var tokenForm = await SchemaAsync<TokenFormDoc>().ConfigureAwait(false);
        var operationForm = await SchemaAsync<TokenOperationFormDoc>().ConfigureAwait(false);
        var introspection = await SchemaAsync<IntrospectionDoc>().ConfigureAwait(false);
        var metadata = await SchemaAsync<MetadataDoc>().ConfigureAwait(false);
        var jwks = await SchemaAsync<JwksDoc>().ConfigureAwait(false);

        document.Paths ??= [];
        document.Paths["/token"] = Post(
            "Token (client credentials, token exchange)",
            "RFC 6749 §4.4 with a customer credential (HTTP Basic or client_id/client_secret); RFC 8693 token exchange of an MSP token for a customer's. Past the credential's quota: 429 with Retry-After and the RateLimit fields.",
            tokenForm,
            Ok("The token.", token),
            Errors(error));
        document.Paths["/msp/auth/v1/token"] = Post(
            "MSP token (client credentials)",
            "RFC 6749 §4.4 with an MSP credential.",
            tokenForm,
            Ok("The MSP token.", token),
            Errors(error));
        document.Paths["/introspect"] = Post(
            "Token introspection",
            "RFC 7662: the claims of an active token of this cloud, or {\"active\":false}. The caller authenticates as a client of this cloud.",
            operationForm,
            Ok("The token's state.", introspection),
            Errors(error));
        document.Paths["/revoke"] = Post(
            "Token revocation",
            "RFC 7009: the token stops working on every node within a second; an unknown token is 200 too.",
            operationForm,
            new OpenApiResponse { Description = "Revoked (or never valid)." },
            Errors(error));
        document.Paths[DiscoveryEndpoints.MetadataPath] = Get("Authorization server metadata", "RFC 8414.", Ok("The metadata.", metadata));
        document.Paths[DiscoveryEndpoints.JwksPath] = Get("JSON Web Key Set", "RFC 7517: the keys that sign this cloud's tokens, the next one published ahead.", Ok("The keys.", jwks));
    }

    private static OpenApiResponse Ok(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [MediaTypeNames.Application.Json] = new() { Schema = schema } },
    };

    private static Dictionary<string, OpenApiResponse> Errors(IOpenApiSchema error)
    {
        OpenApiResponse Error(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [MediaTypeNames.Application.Json] = new() { Schema = error } },
        };

        return new(StringComparer.Ordinal)
        {
            ["400"] = Error("invalid_request, invalid_scope, unsupported_grant_type, invalid_grant, invalid_target."),
            ["401"] = Error("invalid_client, with WWW-Authenticate: Basic."),
            ["429"] = Error("slow_down: too many failed authentications from this address, or the credential's quota used up; Retry-After says when to try again."),
            ["503"] = Error("The store or the signing keys are away for a moment; Retry-After: 1."),
        };
    }

    private static OpenApiPathItem Post(string summary, string description, IOpenApiSchema form, OpenApiResponse ok, Dictionary<string, OpenApiResponse> errors)
    {
        var responses = new OpenApiResponses { [StatusCodes.Status200OK.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ok };
        foreach (var (status, response) in errors)
        {
            responses[status] = response;
        }

        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    Summary = summary,
                    Description = description,
                    Tags = new HashSet<OpenApiTagReference> { new(Tag) },
                    RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [Form] = new() { Schema = form } },
                    },
                    Responses = responses,
                    // Client authentication, not a bearer token (the exchange's proof is its subject_token).
                    Security = [],
                },
            },
        };
    }

    private static OpenApiPathItem Get(string summary, string description, OpenApiResponse ok) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                Summary = summary,
                Description = description,
                Tags = new HashSet<OpenApiTagReference> { new(Tag) },
                Responses = new OpenApiResponses { ["200"] = ok },
                Security = [],
            },
        },
    };
}
