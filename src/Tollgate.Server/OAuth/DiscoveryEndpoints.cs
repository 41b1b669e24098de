using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Authentication;
using Tollgate.Core.Credentials;
using Tollgate.Core.Keys;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.OAuth;

/// <summary>RFC 8414 metadata and the RFC 7517 key set of the cloud that received the request.</summary>
internal sealed class DiscoveryEndpoints(CloudRegistry clouds, TokenEndpoint token, TimeProvider time)
{
    public const string MetadataPath = "/.well-known/oauth-authorization-server";
    public const string JwksPath = "/.well-known/jwks.json";

    private static readonly string[] AuthMethods = [.. ClientCredentialsParser.Methods.Select(m => m.Name)];

    public Task MetadataAsync(HttpContext context)
    {
        var cloud = context.GetCloud();
        var issuer = cloud.Issuer;
        var algorithm = clouds.Ring(cloud.Name).SigningKeyAt(time.GetUtcNow())?.Algorithm;
        context.Response.Headers.CacheControl = "public, max-age=300";
        return OAuthResults.WriteJsonAsync(context.Response, writer =>
        {
            // RFC 8414 §2: issuer equals the base URL exactly; the endpoints hang off it.
            writer.WriteString("issuer", issuer);
            writer.WriteString("token_endpoint", issuer + "/token");
            writer.WriteString("jwks_uri", issuer + JwksPath);
            writer.WriteString("introspection_endpoint", issuer + "/introspect");
            writer.WriteString("revocation_endpoint", issuer + "/revoke");
            WriteArray(writer, "grant_types_supported", [.. token.GrantsAt(OwnerKind.Customer)]); // RFC 8414 §2: every grant /token takes
            WriteArray(writer, "response_types_supported", []);
            WriteArray(writer, "token_endpoint_auth_methods_supported", AuthMethods);
            WriteArray(writer, "introspection_endpoint_auth_methods_supported", AuthMethods);
            WriteArray(writer, "revocation_endpoint_auth_methods_supported", AuthMethods);
            // RFC 8414 §2: the algorithms private_key_jwt assertions may be signed with; RFC 9449 §5.1: DPoP proofs'.
            WriteArray(writer, "token_endpoint_auth_signing_alg_values_supported", [.. PublicJwk.Algorithms]);
            WriteArray(writer, "introspection_endpoint_auth_signing_alg_values_supported", [.. PublicJwk.Algorithms]);
            WriteArray(writer, "revocation_endpoint_auth_signing_alg_values_supported", [.. PublicJwk.Algorithms]);
            WriteArray(writer, "dpop_signing_alg_values_supported", [.. PublicJwk.Algorithms]);
            WriteArray(writer, "scopes_supported", [Scopes.Read, Scopes.Write]);
            if (algorithm is not null)
            {
                WriteArray(writer, "access_token_signing_alg_values_supported", [algorithm]);
            }
        });
    }

    public Task JwksAsync(HttpContext context)
    {
        var cloud = context.GetCloud();
        var keys = clouds.Ring(cloud.Name).PublishedAt(time.GetUtcNow());
        // Short enough that a validator caching it meets an emergency key soon; the scheduled next key is here a day ahead.
        context.Response.Headers.CacheControl = "public, max-age=300";
        return OAuthResults.WriteJsonAsync(context.Response, writer =>
        {
            writer.WriteStartArray("keys");
            foreach (var key in keys)
            {
                WriteJwk(writer, key.PublicJwk);
            }

            writer.WriteEndArray();
        });
    }

    private static void WriteJwk(Utf8JsonWriter writer, JsonWebKey jwk)
    {
        writer.WriteStartObject();
        writer.WriteString("kty", jwk.Kty);
        writer.WriteString("use", jwk.Use);
        writer.WriteString("alg", jwk.Alg);
        writer.WriteString("kid", jwk.Kid);
        if (jwk.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve)
        {
            writer.WriteString("crv", jwk.Crv);
            writer.WriteString("x", jwk.X);
            writer.WriteString("y", jwk.Y);
        }
        else
        {
            writer.WriteString("n", jwk.N);
            writer.WriteString("e", jwk.E);
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
