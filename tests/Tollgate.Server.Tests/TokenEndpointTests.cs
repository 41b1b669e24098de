using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Core.Credentials;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

public sealed class TokenEndpointTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Token_WithRawBasic_Returns200BearerJwt()
    {
        var credential = await Host.CreateCustomerCredentialAsync();

        using var response = await Host.RequestTokenAsync(credential);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("read write", body.GetProperty("scope").GetString());

        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal("ES256", jwt.Alg);
        Assert.False(string.IsNullOrEmpty(jwt.Kid));
        Assert.Equal(Host.Mainline, jwt.Issuer);
        Assert.Equal(Host.Mainline, Assert.Single(jwt.Audiences));
        Assert.Equal(credential.ClientId, jwt.Subject);
        Assert.Equal(credential.ClientId, jwt.GetPayloadValue<string>("client_id"));
        Assert.Equal(credential.OwnerId, jwt.GetPayloadValue<string>("customerId"));
        Assert.Equal("mainline", jwt.GetPayloadValue<string>("cloudId"));
        Assert.False(string.IsNullOrEmpty(jwt.GetPayloadValue<string>("sessionId")));
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(1800, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds);
        Assert.Equal(jwt.IssuedAt, jwt.ValidFrom);
    }

    [Fact]
    public async Task Token_WithFormUrlEncodedBasic_Returns200()
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        // Base64 secrets always end in '=', so the RFC 6749 §2.3.1 encoding really differs from the raw value.
        Assert.NotEqual(credential.RawBasic, credential.EncodedBasic);

        using var response = await SendAsync("token", "grant_type=client_credentials", basic: credential.EncodedBasic);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithClientSecretPost_Returns200()
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        var form = $"grant_type=client_credentials&client_id={Uri.EscapeDataString(credential.ClientId)}&client_secret={Uri.EscapeDataString(credential.Secret)}";

        using var response = await SendAsync("token", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithMatchingClientIdBesideBasic_Returns200()
    {
        var credential = await Host.CreateCustomerCredentialAsync();

        using var response = await SendAsync("token", $"grant_type=client_credentials&client_id={Uri.EscapeDataString(credential.ClientId)}", basic: credential.RawBasic);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithScopeRead_IssuesReadOnlyToken()
    {
        var credential = await Host.CreateCustomerCredentialAsync();

        using var response = await Host.RequestTokenAsync(credential, scope: "read");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("read", body.GetProperty("scope").GetString());
        Assert.Equal("read", new JsonWebToken(body.GetProperty("access_token").GetString()).GetPayloadValue<string>("scope"));
    }

    [Fact]
    public async Task Token_FromInsideAllowList_Returns200()
    {
        var credential = await Host.CreateCustomerCredentialAsync(allow: ["127.0.0.0/8", "::1/128"]);

        using var response = await Host.RequestTokenAsync(credential);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_OnGovCloud_LivesNineHundredSeconds()
    {
        var credential = await Host.CreateCustomerCredentialAsync(cloud: "govcloud");

        using var response = await Host.RequestTokenAsync(credential);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(Host.Issuers["govcloud"], new JsonWebToken(body.GetProperty("access_token").GetString()).Issuer);
    }

    [Fact]
    public async Task Token_ForMspCredential_AtMspEndpoint_LivesNineHundredSeconds()
    {
        var credential = await Host.CreateMspCredentialAsync();

        using var response = await Host.RequestTokenAsync(credential, path: "msp/auth/v1/token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal(credential.OwnerId, jwt.GetPayloadValue<string>("mspId"));
        Assert.False(jwt.TryGetPayloadValue<string>("customerId", out _));
    }

    [Fact]
    public async Task Token_Get_Returns405WithJsonBody()
    {
        using var response = await Host.Client().GetAsync("token");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("MethodNotAllowed", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    /// <summary>One bad request: how to build it from a fresh credential, and the answer it must get.</summary>
    public sealed record BadCase(string Name, Func<Builder, Task<HttpResponseMessage>> Send, int Status, string Error, bool BasicChallenge = false)
    {
        public override string ToString() => Name;
    }

    /// <summary>What a bad case may use: the host, a customer credential, and raw request helpers.</summary>
    public sealed class Builder(TestHost host, TestCredential customer)
    {
        public TestHost Host => host;

        public TestCredential Customer => customer;

        /// <summary>POSTs <paramref name="body"/>; <paramref name="contentType"/> "" sends none, null sends the form type.</summary>
        public Task<HttpResponseMessage> Send(string path, string body, string? basic, string? contentType) =>
            SendRaw(path, body, basic is null ? null : "Basic " + basic, contentType);

        /// <summary>POSTs <paramref name="body"/> with a Content-Type header exactly as given.</summary>
        public Task<HttpResponseMessage> SendWithContentType(string path, string body, string basic, string contentType)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + basic);
            return host.Client().SendAsync(request);
        }

        public Task<HttpResponseMessage> SendWithAuthorization(string authorization) =>
            SendRaw("token", "grant_type=client_credentials", authorization, null);

        private Task<HttpResponseMessage> SendRaw(string path, string body, string? authorization, string? contentType)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType != "")
            {
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/x-www-form-urlencoded");
            }

            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            return host.Client().SendAsync(request);
        }
    }

    public static TheoryData<BadCase> BadRequests => new()
    {
        new("charset utf-7", b => b.SendWithContentType("token", "grant_type=client_credentials", b.Customer.RawBasic, "application/x-www-form-urlencoded; charset=utf-7"), 400, "invalid_request"),
        new("no content type", b => b.Send("token", "grant_type=client_credentials", b.Customer.RawBasic, ""), 400, "invalid_request"),
        new("JSON body", b => b.Send("token", "{\"grant_type\":\"client_credentials\"}", b.Customer.RawBasic, "application/json"), 400, "invalid_request"),
        new("missing grant_type", b => b.Send("token", "scope=read", b.Customer.RawBasic, null), 400, "invalid_request"),
        new("empty grant_type", b => b.Send("token", "grant_type=", b.Customer.RawBasic, null), 400, "invalid_request"),
        new("repeated grant_type", b => b.Send("token", "grant_type=client_credentials&grant_type=client_credentials", b.Customer.RawBasic, null), 400, "invalid_request"),
        new("repeated scope", b => b.Send("token", "grant_type=client_credentials&scope=read&scope=write", b.Customer.RawBasic, null), 400, "invalid_request"),
        new("password grant", b => b.Send("token", "grant_type=password&username=a&password=b", b.Customer.RawBasic, null), 400, "unsupported_grant_type"),
        new("authorization_code grant", b => b.Send("token", "grant_type=authorization_code&code=x", b.Customer.RawBasic, null), 400, "unsupported_grant_type"),
        new("unknown scope", b => b.Send("token", "grant_type=client_credentials&scope=admin", b.Customer.RawBasic, null), 400, "invalid_scope"),
        new("scope with double space", b => b.Send("token", "grant_type=client_credentials&scope=read%20%20write", b.Customer.RawBasic, null), 400, "invalid_scope"),
        new("no client authentication", b => b.Send("token", "grant_type=client_credentials", null, null), 401, "invalid_client", true),
        new("client_id only", b => b.Send("token", $"grant_type=client_credentials&client_id={Uri.EscapeDataString(b.Customer.ClientId)}", null, null), 401, "invalid_client", true),
        new("wrong secret", b => b.Send("token", "grant_type=client_credentials", Basic(b.Customer.ClientId, "wrong"), null), 401, "invalid_client", true),
        new("unknown client id", b => b.Send("token", "grant_type=client_credentials", Basic("nobody", b.Customer.Secret), null), 401, "invalid_client", true),
        new("Basic not base64", b => b.Send("token", "grant_type=client_credentials", "%%%not-base64%%%", null), 401, "invalid_client", true),
        new("Basic without colon", b => b.Send("token", "grant_type=client_credentials", Convert.ToBase64String(Encoding.UTF8.GetBytes(b.Customer.ClientId)), null), 401, "invalid_client", true),
        new("Basic with empty id", b => b.Send("token", "grant_type=client_credentials", Basic("", b.Customer.Secret), null), 401, "invalid_client", true),
        new("Basic with invalid UTF-8", b => b.Send("token", "grant_type=client_credentials", Convert.ToBase64String([0xff, 0xfe, 0x3a, 0x41]), null), 401, "invalid_client", true),
        new("Basic with bad percent-encoding", b => b.Send("token", "grant_type=client_credentials", Basic("%zz", "%"), null), 401, "invalid_client", true),
        new("Basic and client_secret both", b => b.Send("token", $"grant_type=client_credentials&client_secret={Uri.EscapeDataString(b.Customer.Secret)}", b.Customer.RawBasic, null), 400, "invalid_request"),
        new("Basic with another client_id", b => b.Send("token", "grant_type=client_credentials&client_id=someone-else", b.Customer.RawBasic, null), 400, "invalid_request"),
        new("client_secret without client_id", b => b.Send("token", $"grant_type=client_credentials&client_secret={Uri.EscapeDataString(b.Customer.Secret)}", null, null), 400, "invalid_request"),
        new("post with wrong secret", b => b.Send("token", $"grant_type=client_credentials&client_id={Uri.EscapeDataString(b.Customer.ClientId)}&client_secret=wrong", null, null), 401, "invalid_client", true), // RFC 7235 §3.1: every 401 challenges
        new("Bearer scheme", b => b.SendWithAuthorization("Bearer abc"), 401, "invalid_client", true),
        new("oversized body", b => b.Send("token", "grant_type=client_credentials&pad=" + new string('a', 20_000), b.Customer.RawBasic, null), 400, "invalid_request"),
        new("malformed percent-encoding in body", b => b.Send("token", "grant_type=client_credentials&scope=%E0%A4%A", b.Customer.RawBasic, null), 400, "invalid_scope"),
        new("customer credential at MSP endpoint", b => b.Send("msp/auth/v1/token", "grant_type=client_credentials", b.Customer.RawBasic, null), 400, "unauthorized_client"),
        new("MSP credential at /token", async b => await b.Host.RequestTokenAsync(await b.Host.CreateMspCredentialAsync()), 400, "unauthorized_client"),
        new("read-only credential asks write", async b => await b.Host.RequestTokenAsync(await b.Host.CreateCustomerCredentialAsync(scopes: ScopeSet.Read), "read write"), 400, "invalid_scope"),
        new("revoked credential", async b =>
        {
            await b.Host.Admin.RevokeCredentialAsync(b.Customer.ClientId);
            return await Wait.ResultAsync(() => b.Host.RequestTokenAsync(b.Customer), r => r.StatusCode == HttpStatusCode.Unauthorized);
        }, 401, "invalid_client", true),
        new("outside the allow-list", async b => await b.Host.RequestTokenAsync(await b.Host.CreateCustomerCredentialAsync(allow: ["10.0.0.0/8"])), 401, "invalid_client", true),
        new("credential of another cloud", async b => await b.Host.RequestTokenAsync(b.Customer, cloud: "govapis"), 401, "invalid_client", true),
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Token_WithBadRequest_ReturnsRfc6749Error(BadCase bad)
    {
        var customer = await Host.CreateCustomerCredentialAsync();
        var builder = new Builder(Host, customer);

        using var response = await bad.Send(builder);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(bad.Status, (int)response.StatusCode);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(bad.Error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain(customer.Secret, text, StringComparison.Ordinal);
        if (bad.BasicChallenge)
        {
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal("Basic", challenge.Scheme);
            Assert.Contains("realm=", challenge.Parameter, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(response.Headers.WwwAuthenticate);
        }
    }

    private static string Basic(string id, string secret) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}"));

    private Task<HttpResponseMessage> SendAsync(string path, string body, string? basic = null, string? contentType = null) =>
        new Builder(Host, null!).Send(path, body, basic, contentType);
}
