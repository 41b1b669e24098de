using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Tokens;
using Tollgate.Storage;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

public sealed class BearerValidationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Users = "insync/usermanagement/v1/users";

    private TestHost Host => fixture.Host;

    public static TheoryData<string> BadTokens => new()
    {
        "missing",
        "another scheme",
        "empty",
        "not a JWT",
        "tampered payload",
        "tampered signature",
        "alg none",
        "HS256 with the public key",
        "signed by an unknown key with a known kid",
        "typ JWT instead of at+jwt",
        "wrong issuer",
        "wrong audience",
        "no exp",
        "huge",
        "three garbage parts",
        "header not JSON",
        "kid is a number",
        "iss is an object",
        "scope is a number",
        "exp in year 9999",
        "exp beyond year 9999",
        "iat and exp in year 9999",
        "act.sub is a number",
        "act.mspId is an object",
        "unknown crit header",
        "empty crit header",
        "secretGeneration is a string",
        "secretGeneration is negative",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Api_WithBadToken_Returns401InvalidToken(string kind)
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        var good = await Host.GetTokenAsync(credential);
        var key = (await Host.Admin.Keys.LoadRingAsync(Host.Cloud("mainline"))).SigningKeyAt(DateTimeOffset.UtcNow)!;
        var token = kind switch
        {
            "missing" => null,
            "another scheme" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.ClientId + ":" + credential.Secret)),
            "empty" => "",
            "not a JWT" => "abc.def",
            "tampered payload" => Tamper(good, 1),
            "tampered signature" => Tamper(good, 2),
            "alg none" => Unsigned(good),
            "HS256 with the public key" => Sign(good, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(key.PublicJwk) + new string('k', 64))) { KeyId = key.Kid }, SecurityAlgorithms.HmacSha256),
            "signed by an unknown key with a known kid" => Sign(good, new ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)) { KeyId = key.Kid }, "ES256"),
            "typ JWT instead of at+jwt" => Sign(good, key.Key, "ES256", typ: "JWT"),
            "wrong issuer" => Sign(good, key.Key, "ES256", claims: c => c["iss"] = "http://evil.example"),
            "wrong audience" => Sign(good, key.Key, "ES256", claims: c => c["aud"] = "http://other.example"),
            "no exp" => Sign(good, key.Key, "ES256", claims: c => c.Remove("exp")),
            "huge" => good + new string('A', 20_000),
            "three garbage parts" => "a$b.c%d.e^f",
            "header not JSON" => Base64UrlEncoder.Encode("not json") + "." + good.Split('.')[1] + "." + good.Split('.')[2],
            "kid is a number" => Base64UrlEncoder.Encode("""{"alg":"ES256","kid":42,"typ":"at+jwt"}""") + "." + good.Split('.')[1] + "." + good.Split('.')[2],
            "iss is an object" => Sign(good, key.Key, "ES256", claims: c => c["iss"] = new Dictionary<string, object> { ["x"] = 1 }),
            "scope is a number" => Sign(good, key.Key, "ES256", claims: c => c["scope"] = 7),
            "exp in year 9999" => Sign(good, key.Key, "ES256", claims: c => c["exp"] = 253402300799L),
            "exp beyond year 9999" => Sign(good, key.Key, "ES256", claims: c => c["exp"] = 99999999999999L),
            "iat and exp in year 9999" => Sign(good, key.Key, "ES256", claims: c => { c["iat"] = 253402300000L; c["exp"] = 253402300799L; }),
            "act.sub is a number" => Sign(good, key.Key, "ES256", claims: c => c["act"] = new Dictionary<string, object> { ["sub"] = 42, ["mspId"] = "m" }),
            "act.mspId is an object" => Sign(good, key.Key, "ES256", claims: c => c["act"] = new Dictionary<string, object> { ["sub"] = "s", ["mspId"] = new Dictionary<string, object>() }),
            "unknown crit header" => Sign(good, key.Key, "ES256", header: h => { h["crit"] = new[] { "exp2" }; h["exp2"] = 1; }),
            "empty crit header" => Sign(good, key.Key, "ES256", header: h => h["crit"] = Array.Empty<string>()),
            "secretGeneration is a string" => Sign(good, key.Key, "ES256", claims: c => c["secretGeneration"] = "1"),
            "secretGeneration is negative" => Sign(good, key.Key, "ES256", claims: c => c["secretGeneration"] = -1),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var request = new HttpRequestMessage(HttpMethod.Get, Users);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token.StartsWith("Basic ", StringComparison.Ordinal) ? token : "Bearer " + token);
        }

        using var response = await Host.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        if (kind is "missing" or "another scheme")
        {
            // RFC 6750 §3.1: no credentials were sent, so no error code.
            Assert.Equal("realm=\"tollgate\"", challenge.Parameter);
        }
        else
        {
            Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        }
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());

        // The good token still works: the failure was the token's, not the server's.
        using var ok = await Host.CallAsync(HttpMethod.Get, Users, good);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Theory]
    [InlineData("govcloud")]
    [InlineData("govapis")]
    public async Task Api_WithTokenOfAnotherCloud_Returns403ExplicitDeny(string otherCloud)
    {
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());

        using var response = await Host.CallAsync(HttpMethod.Get, Users, token, cloud: otherCloud);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            """{"message":"User is not authorized to access this resource with an explicit deny","errorCode":"4294971402"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revoke_OwnToken_IsRefusedEverywhereAfter()
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        var token = await Host.GetTokenAsync(credential);
        using (var before = await Host.CallAsync(HttpMethod.Get, Users, token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await PostFormAsync("revoke", credential, $"token={token}&token_type_hint=access_token");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var after = await Host.CallAsync(HttpMethod.Get, Users, token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using var introspect = await PostFormAsync("introspect", credential, $"token={token}");
        Assert.False(JsonDocument.Parse(await introspect.Content.ReadAsStringAsync()).RootElement.GetProperty("active").GetBoolean());
        var revoked = await Host.Store.Revocations.FindAsync(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Id, CancellationToken.None);
        Assert.Equal(credential.ClientId, revoked?.ClientId);
        Assert.Single(await Host.Admin.AuditAsync(), e => e.Action == "token.revoke" && e.Actor == "client:" + credential.ClientId);

        using var again = await PostFormAsync("revoke", credential, $"token={token}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Revoke_TokenOfAnotherCustomer_Returns200AndChangesNothing()
    {
        var owner = await Host.CreateCustomerCredentialAsync();
        var stranger = await Host.CreateCustomerCredentialAsync();
        var token = await Host.GetTokenAsync(owner);

        using var revoke = await PostFormAsync("revoke", stranger, $"token={token}");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var still = await Host.CallAsync(HttpMethod.Get, Users, token);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Introspect_OwnToken_IsActiveWithClaims()
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        var token = await Host.GetTokenAsync(credential, scope: "read");

        using var response = await PostFormAsync("introspect", credential, $"token={token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal("read", body.GetProperty("scope").GetString());
        Assert.Equal(credential.ClientId, body.GetProperty("client_id").GetString());
        Assert.Equal(credential.OwnerId, body.GetProperty("customerId").GetString());
        Assert.Equal(Host.Mainline, body.GetProperty("iss").GetString());
        Assert.True(body.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Introspect_TokenOfAnotherCustomer_IsInactive()
    {
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());

        using var response = await PostFormAsync("introspect", await Host.CreateCustomerCredentialAsync(), $"token={token}");

        Assert.Equal("""{"active":false}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("introspect")]
    [InlineData("revoke")]
    public async Task IntrospectAndRevoke_WithoutClientAuth_Return401(string path)
    {
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());

        using var response = await Host.Client().PostAsync(path, new FormUrlEncodedContent([new("token", token)]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("introspect")]
    [InlineData("revoke")]
    public async Task IntrospectAndRevoke_WithoutToken_Return400InvalidRequest(string path)
    {
        using var response = await PostFormAsync(path, await Host.CreateCustomerCredentialAsync(), "token_type_hint=access_token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Discovery_IssuerIsTheBaseUrlAndJwksHoldsTheSigningKey()
    {
        var token = new JsonWebToken(await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync()));

        var metadata = JsonDocument.Parse(await Host.Client().GetStringAsync(".well-known/oauth-authorization-server")).RootElement;
        var jwks = new JsonWebKeySet(await Host.Client().GetStringAsync(".well-known/jwks.json"));

        Assert.Equal(Host.Mainline, metadata.GetProperty("issuer").GetString());
        Assert.Equal(Host.Mainline + "/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(Host.Mainline + "/.well-known/jwks.json", metadata.GetProperty("jwks_uri").GetString());
        // RFC 8414 §2: every grant /token accepts, token exchange included.
        Assert.Equal(["client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange"], metadata.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        var key = Assert.Single(jwks.Keys, k => k.Kid == token.Kid);
        Assert.Equal("EC", key.Kty);
        Assert.Equal("P-256", key.Crv);
        Assert.False(key.HasPrivateKey);
        Assert.All(jwks.Keys, k => Assert.Null(k.D));

        var gov = JsonDocument.Parse(await Host.Client("govcloud").GetStringAsync(".well-known/oauth-authorization-server")).RootElement;
        Assert.Equal(Host.Issuers["govcloud"], gov.GetProperty("issuer").GetString());
        var govKeys = new JsonWebKeySet(await Host.Client("govcloud").GetStringAsync(".well-known/jwks.json"));
        Assert.DoesNotContain(govKeys.Keys, k => k.Kid == token.Kid);
    }

    private Task<HttpResponseMessage> PostFormAsync(string path, TestCredential credential, string form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new("Basic", credential.RawBasic);
        return Host.Client().SendAsync(request);
    }

    private static string Tamper(string token, int part)
    {
        var parts = token.Split('.');
        var bytes = Base64UrlEncoder.DecodeBytes(parts[part]);
        bytes[bytes.Length / 2] ^= 0x01;
        parts[part] = Base64UrlEncoder.Encode(bytes);
        return string.Join('.', parts);
    }

    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        return Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""") + "." + parts[1] + ".";
    }

    private static string Sign(
        string template,
        SecurityKey key,
        string algorithm,
        string typ = "at+jwt",
        Action<Dictionary<string, object>>? claims = null,
        Action<Dictionary<string, object>>? header = null)
    {
        var payload = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64UrlEncoder.Decode(template.Split('.')[1]))!;
        claims?.Invoke(payload);
        var headers = new Dictionary<string, object> { ["typ"] = typ };
        header?.Invoke(headers);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(JsonSerializer.Serialize(payload), new SigningCredentials(key, algorithm), headers);
    }
}
