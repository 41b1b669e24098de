using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Core.Keys;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// private_key_jwt over real HTTP (RFC 7523 §2.2, §3; RFC 7521 §4.2): a client with no secret at all gets tokens with an
/// assertion signed by its key, and every rule an assertion must keep is refused when broken.
/// </summary>
public sealed class PrivateKeyJwtTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private TestHost Host => fixture.Host;

    private static KeyValuePair<string, string>[] Form(string assertion, params KeyValuePair<string, string>[] more) =>
        [new("grant_type", "client_credentials"), new("client_assertion_type", AssertionType), new("client_assertion", assertion), .. more];

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Theory]
    [InlineData("EC")]
    [InlineData("RSA")]
    public async Task AClientWithoutASecret_GetsTokens_WithAnAssertionOfItsKey_AndCallsTheApis(string kind)
    {
        using var key = kind == "EC" ? TestKey.Ec() : TestKey.Rsa();
        var client = await Host.CreateKeyCredentialAsync(key);

        using var response = await Host.PostTokenFormAsync(Form(key.Assertion(client.ClientId, Host.Mainline + "/token", DateTimeOffset.UtcNow)));
        var body = await BodyAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        using var call = await Host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", body.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);

        // The issuer is an audience too (RFC 7523 §3 item 3), and a credential without a secret has none to guess.
        using var byIssuer = await Host.PostTokenFormAsync(Form(key.Assertion(client.ClientId, Host.Mainline, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, byIssuer.StatusCode);
        using var emptySecret = await Host.RequestTokenAsync(client);
        Assert.Equal(HttpStatusCode.Unauthorized, emptySecret.StatusCode);
    }

    [Fact]
    public async Task Metadata_AdvertisesPrivateKeyJwt_ItsAlgorithms_AndDpops()
    {
        using var response = await Host.Client().GetAsync(".well-known/oauth-authorization-server");
        var metadata = await BodyAsync(response);
        string[] Values(string name) => [.. metadata.GetProperty(name).EnumerateArray().Select(v => v.GetString()!)];
        Assert.Contains("private_key_jwt", Values("token_endpoint_auth_methods_supported"));
        Assert.Contains("private_key_jwt", Values("introspection_endpoint_auth_methods_supported"));
        Assert.Equal(["ES256", "PS256", "RS256"], Values("token_endpoint_auth_signing_alg_values_supported"));
        Assert.Equal(["ES256", "PS256", "RS256"], Values("dpop_signing_alg_values_supported"));
    }

    /// <summary>Each row breaks one rule of an assertion; the description names what is wrong.</summary>
    public static TheoryData<string, string> BrokenAssertions => new()
    {
        { "wrong aud", "aud must name" },
        { "aud of another server", "aud must name" },
        { "expired", "expired" },
        { "exp too far ahead", "more than 5 minutes ahead" },
        { "no exp", "needs an exp" },
        { "no jti", "needs a jti" },
        { "iss not the client", "iss and sub" },
        { "nbf in the future", "not valid yet" },
        { "iat in the future", "issued in the future" },
        { "alg none", "signed JWS" },
        { "alg HS256", "alg must be one of" },
        { "RS256 header on an EC key", "does not verify" },
        { "signed by another key", "does not verify" },
        { "unknown kid", "no key with kid" },
        { "crit header", "critical" },
        { "tampered claims", "does not verify" },
    };

    [Theory]
    [MemberData(nameof(BrokenAssertions))]
    public async Task AnAssertionBreakingARule_IsInvalidClient_AndSaysWhich(string rule, string description)
    {
        using var key = TestKey.Ec();
        using var other = TestKey.Ec();
        var client = await Host.CreateKeyCredentialAsync(key);
        var now = DateTimeOffset.UtcNow;
        var token = Host.Mainline + "/token";
        var assertion = rule switch
        {
            "wrong aud" => key.Assertion(client.ClientId, Host.Mainline + "/introspectx", now),
            "aud of another server" => key.Assertion(client.ClientId, "https://auth.example.com/token", now),
            "expired" => key.Assertion(client.ClientId, token, now, (_, c) => c["exp"] = now.AddMinutes(-2).ToUnixTimeSeconds()),
            "exp too far ahead" => key.Assertion(client.ClientId, token, now, (_, c) => c["exp"] = now.AddHours(1).ToUnixTimeSeconds()),
            "no exp" => key.Assertion(client.ClientId, token, now, (_, c) => c.Remove("exp")),
            "no jti" => key.Assertion(client.ClientId, token, now, (_, c) => c.Remove("jti")),
            "iss not the client" => key.Assertion(client.ClientId, token, now, (_, c) => c["iss"] = "someone-else"),
            "nbf in the future" => key.Assertion(client.ClientId, token, now, (_, c) => c["nbf"] = now.AddMinutes(3).ToUnixTimeSeconds()),
            "iat in the future" => key.Assertion(client.ClientId, token, now, (_, c) => c["iat"] = now.AddMinutes(3).ToUnixTimeSeconds()),
            "alg none" => key.Assertion(client.ClientId, token, now, (h, _) => h["alg"] = "none"),
            "alg HS256" => key.Assertion(client.ClientId, token, now, (h, _) => h["alg"] = "HS256"),
            "RS256 header on an EC key" => Resigned(key.Assertion(client.ClientId, token, now), "RS256"),
            "signed by another key" => other.Assertion(client.ClientId, token, now),
            "unknown kid" => key.Assertion(client.ClientId, token, now, kid: "not-registered"),
            "crit header" => key.Assertion(client.ClientId, token, now, (h, _) => h["crit"] = new JsonArray("exp")),
            "tampered claims" => Tampered(key.Assertion(client.ClientId, token, now)),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

        using var response = await Host.PostTokenFormAsync(Form(assertion));
        var body = await BodyAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Contains(description, body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAssertion_WorksOnce_AndIsRefusedWhenReplayed()
    {
        using var key = TestKey.Ec();
        var client = await Host.CreateKeyCredentialAsync(key);
        var assertion = key.Assertion(client.ClientId, Host.Mainline + "/token", DateTimeOffset.UtcNow);

        using var first = await Host.PostTokenFormAsync(Form(assertion));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var replayed = await Host.PostTokenFormAsync(Form(assertion));
        var body = await BodyAsync(replayed);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("used before", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        await Wait.UntilAsync(async () => (await Host.Admin.AuditAsync()).Any(e => e.Action == "client_auth.failed" && e.Detail == "replayed_assertion"), TimeSpan.FromSeconds(10));
    }

    /// <summary>Requests refused before the assertion is checked do not spend its jti: the client may send it again.</summary>
    [Fact]
    public async Task MalformedAssertionRequests_AreRefused_WithoutSpendingTheAssertion()
    {
        using var key = TestKey.Ec();
        var client = await Host.CreateKeyCredentialAsync(key);
        var assertion = key.Assertion(client.ClientId, Host.Mainline + "/token", DateTimeOffset.UtcNow);

        using var typeOnly = await Host.PostTokenFormAsync([new("grant_type", "client_credentials"), new("client_assertion_type", AssertionType)]);
        Assert.Equal("invalid_request", (await BodyAsync(typeOnly)).GetProperty("error").GetString());
        using var otherType = await Host.PostTokenFormAsync([new("grant_type", "client_credentials"), new("client_assertion_type", "urn:example:saml"), new("client_assertion", assertion)]);
        Assert.Equal(HttpStatusCode.Unauthorized, otherType.StatusCode);
        using var otherClientId = await Host.PostTokenFormAsync(Form(assertion, new KeyValuePair<string, string>("client_id", "someone-else")));
        Assert.Equal(HttpStatusCode.Unauthorized, otherClientId.StatusCode);
        using var withBasic = await Host.PostTokenFormAsync(Form(assertion, new KeyValuePair<string, string>("client_secret", "x"), new KeyValuePair<string, string>("client_id", client.ClientId)));
        Assert.Equal("invalid_request", (await BodyAsync(withBasic)).GetProperty("error").GetString());

        // None of these used the assertion up.
        using var ok = await Host.PostTokenFormAsync(Form(assertion, new KeyValuePair<string, string>("client_id", client.ClientId)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task TheClientsKey_Rotates_AddTheNextKey_ThenRemoveTheOld()
    {
        using var first = TestKey.Ec();
        using var next = TestKey.Rsa();
        var client = await Host.CreateKeyCredentialAsync(first, kid: "k1");
        var audience = Host.Mainline + "/token";

        using (var notYet = await Host.PostTokenFormAsync(Form(next.Assertion(client.ClientId, audience, DateTimeOffset.UtcNow))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, notYet.StatusCode);
        }

        var keys = ClientKeySet.TryParse(next.PublicJwk("k2").ToJsonString(), out _)!;
        var withBoth = await Host.Admin.Credentials.AddKeysAsync(client.ClientId, keys, Core.Administration.Actor.Cli("test"));
        Assert.True(withBoth.Succeeded);
        Assert.Equal(["k1", "k2"], withBoth.Value!.PublicKeys.Keys.Select(k => k.Kid));
        await Host.SyncAsync();
        using (var both1 = await Host.PostTokenFormAsync(Form(first.Assertion(client.ClientId, audience, DateTimeOffset.UtcNow, kid: "k1"))))
        using (var both2 = await Host.PostTokenFormAsync(Form(next.Assertion(client.ClientId, audience, DateTimeOffset.UtcNow, kid: "k2"))))
        {
            Assert.Equal(HttpStatusCode.OK, both1.StatusCode);
            Assert.Equal(HttpStatusCode.OK, both2.StatusCode);
        }

        Assert.True((await Host.Admin.Credentials.RemoveKeyAsync(client.ClientId, "k1", Core.Administration.Actor.Cli("test"))).Succeeded);
        await Host.SyncAsync();
        using (var old = await Host.PostTokenFormAsync(Form(first.Assertion(client.ClientId, audience, DateTimeOffset.UtcNow))))
        using (var current = await Host.PostTokenFormAsync(Form(next.Assertion(client.ClientId, audience, DateTimeOffset.UtcNow))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        }

        // The last key of a credential without a secret stays: it would be locked out for good.
        var last = await Host.Admin.Credentials.RemoveKeyAsync(client.ClientId, "k2", Core.Administration.Actor.Cli("test"));
        Assert.False(last.Succeeded);
        Assert.Equal(Core.Administration.AdminErrorKind.Conflict, last.Error!.Kind);
        var audit = await Host.Admin.AuditAsync();
        Assert.Contains(audit, e => e.Action == "credential.key_add" && e.EntityId == client.ClientId);
        Assert.Contains(audit, e => e.Action == "credential.key_remove" && e.EntityId == client.ClientId);
    }

    [Fact]
    public async Task Introspection_AndRevocation_TakeAssertionsToo()
    {
        using var key = TestKey.Ec();
        var client = await Host.CreateKeyCredentialAsync(key);
        using var issued = await Host.PostTokenFormAsync(Form(key.Assertion(client.ClientId, Host.Mainline, DateTimeOffset.UtcNow)));
        var token = (await BodyAsync(issued)).GetProperty("access_token").GetString()!;

        using var introspected = await Host.PostTokenFormAsync(
            [new("token", token), new("client_assertion_type", AssertionType), new("client_assertion", key.Assertion(client.ClientId, Host.Mainline + "/introspect", DateTimeOffset.UtcNow))],
            path: "introspect");
        Assert.True((await BodyAsync(introspected)).GetProperty("active").GetBoolean());
        using var revoked = await Host.PostTokenFormAsync(
            [new("token", token), new("client_assertion_type", AssertionType), new("client_assertion", key.Assertion(client.ClientId, Host.Mainline, DateTimeOffset.UtcNow))],
            path: "revoke");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await Host.SyncAsync();
        using var call = await Host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", token);
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
    }

    [Theory]
    [InlineData("""{"kty":"EC","crv":"P-384","x":"AAAA","y":"AAAA"}""", "P-256")]
    [InlineData("""{"kty":"oct","k":"c2VjcmV0"}""", "EC (P-256) or RSA")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cLyGpsEbeENZCyZo9oPs2I"}""", "private key")]
    [InlineData("""{"keys":[]}""", "1 to 10 keys")]
    [InlineData("not json", "not valid JSON")]
    public void AKeyThatIsNotAPublicP256OrRsa2048Key_IsRefused_WithTheReason(string jwk, string reason)
    {
        Assert.Null(ClientKeySet.TryParse(jwk, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnRsaKeyUnder2048Bits_IsRefused_AndAPemPublicKeyIsRead()
    {
        using var small = TestKey.Rsa(1024);
        Assert.Null(ClientKeySet.TryParse(small.PublicJwk().ToJsonString(), out var error));
        Assert.Contains("2048", error, StringComparison.Ordinal);

        using var ec = TestKey.Ec();
        var fromPem = ClientKeySet.TryParse(ec.PublicPem(), out _);
        Assert.Equal(ec.Thumbprint, Assert.Single(fromPem!.Keys).Thumbprint);
        Assert.Null(ClientKeySet.TryParse(ec.PrivatePem(), out var privateError));
        Assert.Contains("private key", privateError, StringComparison.Ordinal);
    }

    private static string Resigned(string jwt, string alg)
    {
        var parts = jwt.Split('.');
        var header = JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[0]))!.AsObject();
        header["alg"] = alg;
        return Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(header.ToJsonString()) + "." + parts[1] + "." + parts[2];
    }

    private static string Tampered(string jwt)
    {
        var parts = jwt.Split('.');
        var claims = JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        claims["exp"] = claims["exp"]!.GetValue<long>() + 1;
        return parts[0] + "." + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(claims.ToJsonString()) + "." + parts[2];
    }
}
