using System.Net;
using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>The OpenAPI 3.1 document of the APIs, served by every cloud's listener.</summary>
public sealed class OpenApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("mainline")]
    [InlineData("govapis")]
    public async Task Document_Is31_DescribesTheAdminApi_AndTheBearerScheme(string cloud)
    {
        using var response = await fixture.Host.Client(cloud).GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        var create = paths.GetProperty("/admin/v1/credentials").GetProperty("post");
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(create.GetProperty("responses").GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        foreach (var path in new[] { "/token", "/msp/auth/v1/token", "/introspect", "/revoke", "/.well-known/jwks.json", "/msp/v3/customers", "/admin/v1/credentials/{clientId}/rotate", "/admin/v1/msps", "/admin/v1/customers", "/admin/v1/keys", "/admin/v1/audit", "/insync/usermanagement/v1/users" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("AdminCredentialInput", out _));
    }
}
