using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Administration;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// DPoP over real HTTP (RFC 9449): tokens bound to the client's key (token_type DPoP, cnf.jkt), proofs checked on the
/// protected APIs, a bound token refused as a bearer token, each rule of a proof refused when broken, server nonces,
/// credentials that require DPoP, and MSP customer tokens that keep the MSP's binding.
/// </summary>
public sealed class DpopTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Users = "insync/usermanagement/v1/users";

    private TestHost Host => fixture.Host;

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static KeyValuePair<string, string>[] ClientCredentials(TestCredential client) =>
        [new("grant_type", "client_credentials"), new("client_id", client.ClientId), new("client_secret", client.Secret)];

    /// <summary>A bound token for a new customer credential, and the key it is bound to.</summary>
    private async Task<(string Token, TestKey Key)> BoundTokenAsync(TestHost? host = null)
    {
        host ??= Host;
        var client = await host.CreateCustomerCredentialAsync();
        var key = TestKey.Ec();
        using var response = await host.PostTokenFormAsync(ClientCredentials(client), key.Proof("POST", host.Mainline + "/token", DateTimeOffset.UtcNow));
        var body = await BodyAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (body.GetProperty("access_token").GetString()!, key);
    }

    private Task<HttpResponseMessage> CallAsync(string scheme, string token, string? proof, string path = Users, HttpMethod? method = null, TestHost? host = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        if (proof is not null)
        {
            request.Headers.TryAddWithoutValidation("DPoP", proof);
        }

        return (host ?? Host).Client().SendAsync(request);
    }

    private static JsonElement Claims(string jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement.Clone();

    [Fact]
    public async Task AProofAtTheTokenEndpoint_BindsTheToken_ToItsKey()
    {
        var client = await Host.CreateCustomerCredentialAsync();
        using var key = TestKey.Ec();
        using var response = await Host.PostTokenFormAsync(ClientCredentials(client), key.Proof("POST", Host.Mainline + "/token", DateTimeOffset.UtcNow));
        var body = await BodyAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DPoP", body.GetProperty("token_type").GetString());
        var token = body.GetProperty("access_token").GetString()!;
        Assert.Equal(key.Thumbprint, Claims(token).GetProperty("cnf").GetProperty("jkt").GetString());

        using var introspected = await Host.PostFormAsync("introspect", "token=" + token, basic: client);
        var info = await BodyAsync(introspected);
        Assert.Equal("DPoP", info.GetProperty("token_type").GetString());
        Assert.Equal(key.Thumbprint, info.GetProperty("cnf").GetProperty("jkt").GetString());

        // Without a proof the same credential gets a bearer token, as before.
        using var bearer = await Host.PostTokenFormAsync(ClientCredentials(client));
        Assert.Equal("bearer", (await BodyAsync(bearer)).GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task ABoundToken_WorksWithAProofOfItsKey_AndNotAsABearerToken()
    {
        var (token, key) = await BoundTokenAsync();
        using (key)
        {
            using (var ok = await CallAsync("DPoP", token, key.Proof("GET", Host.Mainline + "/" + Users, DateTimeOffset.UtcNow, token)))
            {
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }

            using (var again = await CallAsync("DPoP", token, key.Proof("GET", Host.Mainline + "/" + Users, DateTimeOffset.UtcNow, token)))
            {
                Assert.Equal(HttpStatusCode.OK, again.StatusCode); // a new proof each time, the cached token behind it
            }

            using var asBearer = await CallAsync("Bearer", token, null);
            Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
            var challenge = asBearer.Headers.WwwAuthenticate.ToString();
            Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
            Assert.Contains("DPoP-bound", challenge, StringComparison.Ordinal);

            using var stolen = await CallAsync("Bearer", token, key.Proof("GET", Host.Mainline + "/" + Users, DateTimeOffset.UtcNow, token));
            Assert.Equal(HttpStatusCode.Unauthorized, stolen.StatusCode);
        }
    }

    [Fact]
    public async Task ABearerToken_PresentedWithTheDpopScheme_IsRefused()
    {
        var client = await Host.CreateCustomerCredentialAsync();
        var token = await Host.GetTokenAsync(client);
        using var key = TestKey.Ec();
        using var response = await CallAsync("DPoP", token, key.Proof("GET", Host.Mainline + "/" + Users, DateTimeOffset.UtcNow, token));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not DPoP-bound", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("DPoP", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Each row breaks one rule of a proof sent to a protected API (RFC 9449 §4.3, §7.1).</summary>
    public static TheoryData<string> BrokenApiProofs => new()
    {
        "no proof", "two proofs", "htm of another method", "htu of another path", "htu of another host", "no ath", "ath of another token",
        "replayed", "iat too old", "iat in the future", "typ missing", "typ JWT", "alg none", "alg HS256", "no jwk", "private jwk",
        "another key", "signature of another key", "no jti",
    };

    [Theory]
    [MemberData(nameof(BrokenApiProofs))]
    public async Task AProofBreakingARule_IsRefusedOnTheApi_WithADpopChallenge(string rule)
    {
        var (token, key) = await BoundTokenAsync();
        using var other = TestKey.Ec();
        var url = Host.Mainline + "/" + Users;
        var now = DateTimeOffset.UtcNow;
        string? Proof(Action<JsonObject, JsonObject>? change = null) => key.Proof("GET", url, now, token, change: change);
        var replayed = Proof();
        if (rule == "replayed")
        {
            using var first = await CallAsync("DPoP", token, replayed);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var proof = rule switch
        {
            "no proof" => null,
            "two proofs" => Proof() + ", " + Proof(),
            "htm of another method" => key.Proof("POST", url, now, token),
            "htu of another path" => key.Proof("GET", Host.Mainline + "/insync/usermanagement/v1/users/1", now, token),
            "htu of another host" => key.Proof("GET", "https://api.example.com/" + Users, now, token),
            "no ath" => key.Proof("GET", url, now),
            "ath of another token" => key.Proof("GET", url, now, token + "x"),
            "replayed" => replayed,
            "iat too old" => key.Proof("GET", url, now.AddMinutes(-5), token),
            "iat in the future" => key.Proof("GET", url, now.AddMinutes(5), token),
            "typ missing" => Proof((h, _) => h.Remove("typ")),
            "typ JWT" => Proof((h, _) => h["typ"] = "JWT"),
            "alg none" => Proof((h, _) => h["alg"] = "none"),
            "alg HS256" => Proof((h, _) => h["alg"] = "HS256"),
            "no jwk" => Proof((h, _) => h.Remove("jwk")),
            "private jwk" => Proof((h, _) => h["jwk"]!["d"] = "jpsQnnGQmL-YBIffH1136cLyGpsEbeENZCyZo9oPs2I"),
            "another key" => other.Proof("GET", url, now, token),
            "signature of another key" => Proof((h, _) => h["jwk"] = other.PublicJwk()),
            "no jti" => Proof((_, c) => c.Remove("jti")),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        if (rule == "two proofs")
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Users);
            request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
            request.Headers.TryAddWithoutValidation("DPoP", [Proof()!, Proof()!]);
            using var twice = await Host.Client().SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, twice.StatusCode);
            Assert.Contains("error=\"invalid_dpop_proof\"", twice.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            return;
        }

        using var response = await CallAsync("DPoP", token, proof);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("DPoP algs=\"ES256 PS256 RS256\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_dpop_proof\"", challenge, StringComparison.Ordinal);
        key.Dispose();
    }

    /// <summary>Each row breaks one rule of a proof sent to the token endpoint: 400 invalid_dpop_proof (RFC 9449 §5).</summary>
    [Theory]
    [InlineData("htu of another endpoint")]
    [InlineData("htm GET")]
    [InlineData("replayed")]
    [InlineData("two proofs")]
    [InlineData("iat too old")]
    [InlineData("garbage")]
    public async Task AProofBreakingARule_IsRefusedAtTheTokenEndpoint(string rule)
    {
        var client = await Host.CreateCustomerCredentialAsync();
        using var key = TestKey.Ec();
        var now = DateTimeOffset.UtcNow;
        var url = Host.Mainline + "/token";
        var proof = rule switch
        {
            "htu of another endpoint" => key.Proof("POST", Host.Mainline + "/msp/auth/v1/token", now),
            "htm GET" => key.Proof("GET", url, now),
            "iat too old" => key.Proof("POST", url, now.AddMinutes(-3)),
            "garbage" => "not.a.jwt",
            _ => key.Proof("POST", url, now),
        };
        if (rule == "replayed")
        {
            using var first = await Host.PostTokenFormAsync(ClientCredentials(client), proof);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        HttpResponseMessage response;
        if (rule == "two proofs")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "token") { Content = new FormUrlEncodedContent(ClientCredentials(client)) };
            request.Headers.TryAddWithoutValidation("DPoP", [proof, key.Proof("POST", url, now)]);
            response = await Host.Client().SendAsync(request);
        }
        else
        {
            response = await Host.PostTokenFormAsync(ClientCredentials(client), proof);
        }

        using (response)
        {
            var body = await BodyAsync(response);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_dpop_proof", body.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task ACredentialThatRequiresDpop_GetsNoBearerToken()
    {
        using var key = TestKey.Ec();
        var client = await Host.CreateCustomerCredentialAsync();
        Assert.True((await Host.Admin.Credentials.UpdateAsync(client.ClientId, new CredentialChanges(RequireDpop: true), Actor.Cli("test"))).Succeeded);
        await Host.SyncAsync();

        using (var bearer = await Host.RequestTokenAsync(client))
        {
            var body = await BodyAsync(bearer);
            Assert.Equal(HttpStatusCode.BadRequest, bearer.StatusCode);
            Assert.Equal("invalid_dpop_proof", body.GetProperty("error").GetString());
            Assert.Contains("must be DPoP-bound", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        }

        using var bound = await Host.PostTokenFormAsync(ClientCredentials(client), key.Proof("POST", Host.Mainline + "/token", DateTimeOffset.UtcNow));
        Assert.Equal("DPoP", (await BodyAsync(bound)).GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task AnMspsBoundToken_GetsCustomerTokens_BoundToTheSameKey_OnBothRoutes()
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(1);
        using var key = TestKey.Ec();
        using var issued = await Host.PostTokenFormAsync(ClientCredentials(msp), key.Proof("POST", Host.Mainline + "/msp/auth/v1/token", DateTimeOffset.UtcNow), path: "msp/auth/v1/token");
        var mspToken = (await BodyAsync(issued)).GetProperty("access_token").GetString()!;

        // Druva's route: the MSP token is presented with DPoP and a proof of its key.
        var path = $"msp/v2/customers/{customers[0]}/token";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", mspToken);
        request.Headers.TryAddWithoutValidation("DPoP", key.Proof("POST", Host.Mainline + "/" + path, DateTimeOffset.UtcNow, mspToken));
        using var minted = await Host.Client().SendAsync(request);
        var body = await BodyAsync(minted);
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        Assert.Equal("DPoP", body.GetProperty("token_type").GetString());
        var customerToken = body.GetProperty("access_token").GetString()!;
        Assert.Equal(key.Thumbprint, Claims(customerToken).GetProperty("cnf").GetProperty("jkt").GetString());
        using (var asBearer = await CallAsync("Bearer", customerToken, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
        }

        using (var withProof = await CallAsync("DPoP", customerToken, key.Proof("GET", Host.Mainline + "/" + Users, DateTimeOffset.UtcNow, customerToken)))
        {
            Assert.Equal(HttpStatusCode.OK, withProof.StatusCode);
        }

        // RFC 8693 exchange: the bound subject token needs a proof of its key, and the result keeps the binding.
        KeyValuePair<string, string>[] exchange =
        [
            new("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"), new("subject_token", mspToken),
            new("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"), new("resource", customers[0]),
        ];
        using (var noProof = await Host.PostTokenFormAsync(exchange))
        {
            Assert.Equal("invalid_dpop_proof", (await BodyAsync(noProof)).GetProperty("error").GetString());
        }

        using var other = TestKey.Ec();
        using (var otherKey = await Host.PostTokenFormAsync(exchange, other.Proof("POST", Host.Mainline + "/token", DateTimeOffset.UtcNow)))
        {
            Assert.Equal("invalid_dpop_proof", (await BodyAsync(otherKey)).GetProperty("error").GetString());
        }

        using var exchanged = await Host.PostTokenFormAsync(exchange, key.Proof("POST", Host.Mainline + "/token", DateTimeOffset.UtcNow));
        var exchangedBody = await BodyAsync(exchanged);
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal("DPoP", exchangedBody.GetProperty("token_type").GetString());
        Assert.Equal(key.Thumbprint, Claims(exchangedBody.GetProperty("access_token").GetString()!).GetProperty("cnf").GetProperty("jkt").GetString());
    }

    [Fact]
    public async Task WithNoncesRequired_AProofWithoutTheServersNonce_IsAnsweredWithOne_AndTheRetryWorks()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:Dpop:RequireNonce"] = "true" });
        var client = await host.CreateCustomerCredentialAsync();
        using var key = TestKey.Ec();
        var tokenUrl = host.Mainline + "/token";

        using var first = await host.PostTokenFormAsync(ClientCredentials(client), key.Proof("POST", tokenUrl, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal("use_dpop_nonce", (await BodyAsync(first)).GetProperty("error").GetString());
        var nonce = first.Headers.GetValues("DPoP-Nonce").Single();

        using (var forged = await host.PostTokenFormAsync(ClientCredentials(client), key.Proof("POST", tokenUrl, DateTimeOffset.UtcNow, nonce: "made-up")))
        {
            Assert.Equal("use_dpop_nonce", (await BodyAsync(forged)).GetProperty("error").GetString());
        }

        using var second = await host.PostTokenFormAsync(ClientCredentials(client), key.Proof("POST", tokenUrl, DateTimeOffset.UtcNow, nonce: nonce));
        var token = (await BodyAsync(second)).GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        // The protected API asks the same way (401, a DPoP challenge and the header), and takes the nonce.
        var url = host.Mainline + "/" + Users;
        using (var noNonce = await CallAsync("DPoP", token, key.Proof("GET", url, DateTimeOffset.UtcNow, token), host: host))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noNonce.StatusCode);
            Assert.Contains("error=\"use_dpop_nonce\"", noNonce.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal(nonce, noNonce.Headers.GetValues("DPoP-Nonce").Single());
        }

        using var withNonce = await CallAsync("DPoP", token, key.Proof("GET", url, DateTimeOffset.UtcNow, token, nonce), host: host);
        Assert.Equal(HttpStatusCode.OK, withNonce.StatusCode);
    }
}
