using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tollgate.Core.Credentials;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// Real answers against the OpenAPI document: every call of the OAuth endpoints, the users and MSP APIs and the
/// admin API below gets a status the document lists for its operation, and a body that matches the schema
/// documented for that status (no undocumented member, every type and required member as documented).
/// </summary>
public sealed class OpenApiConformanceTests
{
    private sealed record Call(string Method, string Template, HttpResponseMessage Response);

    [Fact]
    public async Task EveryAnswer_IsDocumented_AndMatchesItsSchema()
    {
        await using var host = await TestHost.StartAsync();
        using var documentResponse = await host.Client().GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        var document = JsonDocument.Parse(await documentResponse.Content.ReadAsStringAsync()).RootElement;
        var calls = new List<Call>();
        async Task<HttpResponseMessage> SendAsync(string method, string template, string path, string? bearer = null, TestCredential? basic = null, string? form = null, string? json = null, string cloud = "mainline", string? dpop = null, string scheme = "Bearer")
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
            if (dpop is not null)
            {
                request.Headers.TryAddWithoutValidation("DPoP", dpop);
            }

            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(scheme, bearer);
            }
            else if (basic is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic.RawBasic);
            }

            if (form is not null)
            {
                request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            }
            else if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            var response = await host.Client(cloud).SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            calls.Add(new Call(method, template, response));
            return response;
        }

        async Task<string> TokenOf(HttpResponseMessage response) =>
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;

        // OAuth.
        var (msp, customers) = await host.CreateMspWithCustomersAsync(1);
        var customer = await host.CreateCustomerCredentialAsync();
        var limited = await host.CreateCustomerCredentialAsync();
        await host.Admin.UpdateCredentialAsync(limited.ClientId, new Core.Administration.CredentialChanges(Quota: "1/h"));
        await host.SyncAsync();
        var token = await TokenOf(await SendAsync("POST", "/token", "/token", basic: customer, form: "grant_type=client_credentials&scope=read%20write"));
        await SendAsync("POST", "/token", "/token", basic: customer with { Secret = "wrong" }, form: "grant_type=client_credentials");
        await SendAsync("POST", "/token", "/token", basic: customer, form: "grant_type=password");
        await SendAsync("POST", "/token", "/token", basic: limited, form: "grant_type=client_credentials");
        await SendAsync("POST", "/token", "/token", basic: limited, form: "grant_type=client_credentials"); // 429
        var mspToken = await TokenOf(await SendAsync("POST", "/msp/auth/v1/token", "/msp/auth/v1/token", basic: msp, form: "grant_type=client_credentials"));
        var customerToken = await TokenOf(await SendAsync("POST", "/token", "/token", form: $"grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={mspToken}&subject_token_type=urn:ietf:params:oauth:token-type:access_token&resource={customers[0]}"));
        await SendAsync("POST", "/introspect", "/introspect", basic: customer, form: $"token={customerToken}");
        await SendAsync("POST", "/introspect", "/introspect", basic: customer, form: $"token={token}");
        await SendAsync("POST", "/introspect", "/introspect", basic: customer, form: "token=not-a-token");
        await SendAsync("POST", "/introspect", "/introspect", form: "token=x");
        await SendAsync("GET", "/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server");

        // private_key_jwt and DPoP.
        using var clientKey = TestKey.Ec();
        using var dpopKey = TestKey.Ec();
        var keyed = await host.CreateKeyCredentialAsync(clientKey, kid: "k1");
        var assertion = Uri.EscapeDataString(clientKey.Assertion(keyed.ClientId, host.Mainline + "/token", DateTimeOffset.UtcNow));
        var bound = await TokenOf(await SendAsync("POST", "/token", "/token", form: $"grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={assertion}", dpop: dpopKey.Proof("POST", host.Mainline + "/token", DateTimeOffset.UtcNow)));
        await SendAsync("POST", "/token", "/token", basic: customer, form: "grant_type=client_credentials", dpop: "not.a.proof");
        await SendAsync("POST", "/introspect", "/introspect", basic: customer, form: $"token={bound}");
        await SendAsync("GET", "/insync/usermanagement/v1/users", "/insync/usermanagement/v1/users", bearer: bound, scheme: "DPoP", dpop: dpopKey.Proof("GET", host.Mainline + "/insync/usermanagement/v1/users", DateTimeOffset.UtcNow, bound));
        await SendAsync("GET", "/insync/usermanagement/v1/users", "/insync/usermanagement/v1/users", bearer: bound, scheme: "DPoP");
        await SendAsync("GET", "/insync/usermanagement/v1/users", "/insync/usermanagement/v1/users", bearer: bound);
        await SendAsync("GET", "/.well-known/jwks.json", "/.well-known/jwks.json");

        // Users.
        const string Users = "/insync/usermanagement/v1/users";
        const string User = Users + "/{userID}";
        var created = await SendAsync("POST", Users, Users, bearer: token, json: """{"userName":"Ada Lovelace","emailID":"ada@example.com"}""");
        var userId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("userID").GetInt64().ToString(CultureInfo.InvariantCulture);
        await SendAsync("POST", Users, Users, bearer: token, json: """{"userName":"Ada again","emailID":"ada@example.com"}""");
        await SendAsync("POST", Users, Users, bearer: token, json: """{"userName":""");
        await SendAsync("GET", Users, Users + "?pageSize=1", bearer: token);
        await SendAsync("GET", Users, Users);
        await SendAsync("GET", Users, Users, bearer: token[..^4] + "AAAA");
        await SendAsync("GET", Users, Users, bearer: token, cloud: "govcloud");
        await SendAsync("GET", User, $"{Users}/{userId}", bearer: token);
        await SendAsync("GET", User, $"{Users}/999999", bearer: token);
        await SendAsync("PATCH", User, $"{Users}/{userId}", bearer: token, json: """{"userName":"Ada King"}""");
        await SendAsync("DELETE", User, $"{Users}/{userId}", bearer: token);
        await SendAsync("GET", Users, Users, bearer: mspToken);

        // MSP.
        const string Customers = "/msp/v3/customers";
        await SendAsync("GET", Customers, Customers, bearer: mspToken);
        await SendAsync("GET", "/msp/mspservice/v1/customers", "/msp/mspservice/v1/customers", bearer: mspToken);
        await SendAsync("GET", Customers + "/{customerId}", $"{Customers}/{customers[0]}", bearer: mspToken);
        await SendAsync("GET", Customers + "/{customerId}", $"{Customers}/{Guid.NewGuid()}", bearer: mspToken);
        await SendAsync("POST", Customers, Customers, bearer: mspToken, json: """{"customerName":"Initech","accountName":"initech","address":"1 Main St","phone":"555"}""");
        await SendAsync("POST", "/msp/v2/customers/{customerId}/token", $"/msp/v2/customers/{customers[0]}/token", bearer: mspToken, form: "grant_type=client_credentials");
        await SendAsync("POST", "/msp/v2/customers/{customerId}/token", $"/msp/v2/customers/{Guid.NewGuid()}/token", bearer: mspToken, form: "grant_type=client_credentials");

        // Admin.
        var admin = await host.CreateAdminCredentialAsync(Core.Credentials.AdminRole.CloudAdmin);
        var adminToken = await host.GetTokenAsync(admin);
        const string Credentials = "/admin/v1/credentials";
        var secret = await SendAsync("POST", Credentials, Credentials, bearer: adminToken, json: $$"""{"name":"w","ownerKind":"customer","ownerId":"{{customers[0]}}","quota":"60/m"}""");
        var clientId = JsonDocument.Parse(await secret.Content.ReadAsStringAsync()).RootElement.GetProperty("credential").GetProperty("clientId").GetString()!;
        await SendAsync("POST", Credentials, Credentials, bearer: adminToken, json: """{"name":"w","ownerKind":"planet"}""");
        await SendAsync("GET", Credentials, Credentials, bearer: adminToken);
        await SendAsync("GET", Credentials + "/{clientId}", $"{Credentials}/{Uri.EscapeDataString(clientId)}", bearer: adminToken);
        await SendAsync("PATCH", Credentials + "/{clientId}", $"{Credentials}/{Uri.EscapeDataString(clientId)}", bearer: adminToken, json: """{"name":"renamed","quota":""}""");
        using var nextKey = TestKey.Ec();
        var keyedPath = $"{Credentials}/{Uri.EscapeDataString(keyed.ClientId)}";
        await SendAsync("POST", Credentials + "/{clientId}/keys", keyedPath + "/keys", bearer: adminToken, json: nextKey.PublicJwk("k2").ToJsonString());
        await SendAsync("POST", Credentials + "/{clientId}/keys", keyedPath + "/keys", bearer: adminToken, json: """{"kty":"oct"}""");
        await SendAsync("DELETE", Credentials + "/{clientId}/keys/{kid}", keyedPath + "/keys/k1", bearer: adminToken);
        await SendAsync("DELETE", Credentials + "/{clientId}/keys/{kid}", keyedPath + "/keys/k1", bearer: adminToken);
        await SendAsync("DELETE", Credentials + "/{clientId}/keys/{kid}", keyedPath + "/keys/k2", bearer: adminToken);
        await SendAsync("GET", "/admin/v1/msps", "/admin/v1/msps", bearer: adminToken);
        await SendAsync("GET", "/admin/v1/customers", "/admin/v1/customers", bearer: adminToken);
        await SendAsync("GET", "/admin/v1/keys", "/admin/v1/keys", bearer: adminToken);
        await SendAsync("GET", "/admin/v1/audit", "/admin/v1/audit?limit=5", bearer: adminToken);
        await SendAsync("GET", "/admin/v1/administrators", "/admin/v1/administrators", bearer: adminToken);

        var failures = new List<string>();
        foreach (var call in calls)
        {
            var status = ((int)call.Response.StatusCode).ToString(CultureInfo.InvariantCulture);
            var where = $"{call.Method} {call.Template} → {status}";
            if (!document.GetProperty("paths").TryGetProperty(call.Template, out var path)
                || !path.TryGetProperty(call.Method.ToLowerInvariant(), out var operation))
            {
                failures.Add($"{where}: the operation is not documented");
                continue;
            }

            if (!operation.GetProperty("responses").TryGetProperty(status, out var documented))
            {
                failures.Add($"{where}: status not documented ({await call.Response.Content.ReadAsStringAsync()})");
                continue;
            }

            var body = await call.Response.Content.ReadAsStringAsync();
            if (body.Length == 0)
            {
                continue;
            }

            var mediaType = call.Response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            if (!documented.TryGetProperty("content", out var content) || !content.TryGetProperty(mediaType, out var media))
            {
                failures.Add($"{where}: {mediaType} body not documented");
                continue;
            }

            foreach (var problem in SchemaCheck.Validate(document, media.GetProperty("schema"), JsonDocument.Parse(body).RootElement, "$"))
            {
                failures.Add($"{where}: {problem}");
            }
        }

        Assert.True(calls.Count >= 40, calls.Count.ToString(CultureInfo.InvariantCulture));
        Assert.Contains(calls, c => c.Response.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void TheChecker_RefusesWhatDoesNotMatch()
    {
        var document = JsonDocument.Parse("""
            {"components":{"schemas":{"T":{"type":"object","required":["a"],"properties":{"a":{"type":"string"},"n":{"type":["integer","null"]},"d":{"type":"string","format":"date-time"},"xs":{"type":"array","items":{"$ref":"#/components/schemas/T"}}}}}}}
            """).RootElement;
        var schema = JsonDocument.Parse("""{"$ref":"#/components/schemas/T"}""").RootElement;
        string[] Check(string json) => [.. SchemaCheck.Validate(document, schema, JsonDocument.Parse(json).RootElement, "$")];

        Assert.Empty(Check("""{"a":"x","n":null,"d":"2026-11-23T10:00:00Z","xs":[{"a":"y","n":3}]}"""));
        Assert.NotEmpty(Check("""{"n":1}"""));
        Assert.NotEmpty(Check("""{"a":1}"""));
        Assert.NotEmpty(Check("""{"a":"x","extra":true}"""));
        Assert.NotEmpty(Check("""{"a":"x","n":1.5}"""));
        Assert.NotEmpty(Check("""{"a":"x","d":"yesterday"}"""));
        Assert.NotEmpty(Check("""{"a":"x","xs":[{"a":2}]}"""));
        Assert.NotEmpty(Check("""[]"""));
    }
}
