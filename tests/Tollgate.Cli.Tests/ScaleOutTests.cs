using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary>
/// Two stateless <c>tollgate serve</c> nodes on one PostgreSQL database (a cluster of this class's own):
/// shared tokens, keys and revocations, a node killed under load, PostgreSQL crashing and coming back.
/// </summary>
[Collection(Serial.Timing)]
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const string Users = "insync/usermanagement/v1/users";
    private const string Issuer = "https://apis.tollgate.test";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tollgate-tests", "scale-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private PostgresCluster _postgres = null!;
    private Dictionary<string, string> _environment = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _postgres = await PostgresCluster.StartAsync();
        _environment = new Dictionary<string, string>
        {
            ["Tollgate__Store__Kind"] = "Postgres",
            ["Tollgate__Store__Connection"] = await _postgres.CreateDatabaseAsync(),
            ["Tollgate__Store__MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Behind a load balancer every node answers for the same public issuer.
            ["Tollgate__Clouds__mainline__Issuer"] = Issuer,
            ["Tollgate__Clouds__govcloud__Issuer"] = Issuer + "/gov",
            ["Tollgate__Clouds__govapis__Issuer"] = Issuer + "/govapis",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var migrated = await Cli.RunAsync(_dir, _environment, "db", "migrate", "--json");
        Assert.True(migrated.ExitCode == 0, migrated.Stderr);
    }

    [Fact]
    public async Task TwoNodes_ShareTokens_KeyRotation_AndRevocationWithinOneSecond()
    {
        await using var a = await ServerProcess.StartAsync(_dir, _environment);
        await using var b = await ServerProcess.StartAsync(_dir, _environment);
        var credential = await CreateCredentialAsync();

        var fromA = await TokenAsync(a, credential);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(b, fromA));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(a, await TokenAsync(b, credential)));

        // Emergency rotation from the CLI: both nodes sign with the new key within a second; old tokens stay valid.
        var rotated = await Cli.RunAsync(_dir, _environment, "keys", "rotate", "--cloud", "mainline", "--json");
        var newKid = JsonDocument.Parse(rotated.Stdout).RootElement[0].GetProperty("kid").GetString();
        await Wait.UntilAsync(async () => new JsonWebToken(await TokenAsync(a, credential)).Kid == newKid && new JsonWebToken(await TokenAsync(b, credential)).Kid == newKid, TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(b, fromA));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(b, await TokenAsync(a, credential)));

        // Revocation from the CLI: both nodes refuse the credential and its outstanding tokens within a second.
        var revoked = await Cli.RunAsync(_dir, _environment, "credentials", "revoke", credential.Id);
        Assert.Equal(0, revoked.ExitCode);
        var took = await Wait.AllHoldAsync(TimeSpan.FromSeconds(3),
            async () => await CallAsync(a, fromA) == HttpStatusCode.Unauthorized,
            async () => await CallAsync(b, fromA) == HttpStatusCode.Unauthorized,
            async () => await TokenStatusAsync(a, credential) == HttpStatusCode.Unauthorized,
            async () => await TokenStatusAsync(b, credential) == HttpStatusCode.Unauthorized);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task TwoNodes_AnAssertionOrADpopProofUsedOnOne_IsRefusedOnTheOther()
    {
        await using var a = await ServerProcess.StartAsync(_dir, _environment);
        await using var b = await ServerProcess.StartAsync(_dir, _environment);
        using var key = TestKey.Ec();
        using var dpop = TestKey.Ec();
        var jwk = Path.Combine(_dir, "client.pub.pem");
        await File.WriteAllTextAsync(jwk, key.PublicPem());
        var customer = await Cli.RunAsync(_dir, _environment, "customers", "create", "--name", "K", "--json");
        var created = await Cli.RunAsync(_dir, _environment, "credentials", "create", "--customer", JsonDocument.Parse(customer.Stdout).RootElement.GetProperty("id").GetString()!, "--name", "keyed", "--jwk", jwk, "--json");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var json = JsonDocument.Parse(created.Stdout).RootElement;
        var clientId = json.GetProperty("clientId").GetString()!;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("secretKey").ValueKind);

        async Task<(HttpStatusCode Status, string Body)> PostAsync(ServerProcess node, string assertion, string? proof = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Url(), "token"))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "client_credentials"),
                    new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                    new("client_assertion", assertion),
                ]),
            };
            if (proof is not null)
            {
                request.Headers.TryAddWithoutValidation("DPoP", proof);
            }

            using var response = await _http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        // Behind the load balancer the audience and htu are the public issuer's, whichever node answers.
        var assertion = key.Assertion(clientId, Issuer + "/token", DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(a, assertion)).Status);
        var replayed = await PostAsync(b, assertion);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.Status);
        Assert.Contains("used before", replayed.Body, StringComparison.Ordinal);

        var proof = dpop.Proof("POST", Issuer + "/token", DateTimeOffset.UtcNow);
        var bound = await PostAsync(a, key.Assertion(clientId, Issuer + "/token", DateTimeOffset.UtcNow), proof);
        Assert.Equal(HttpStatusCode.OK, bound.Status);
        Assert.Contains("\"token_type\":\"DPoP\"", bound.Body, StringComparison.Ordinal);
        var proofReplayed = await PostAsync(b, key.Assertion(clientId, Issuer + "/token", DateTimeOffset.UtcNow), proof);
        Assert.Equal(HttpStatusCode.BadRequest, proofReplayed.Status);
        Assert.Contains("invalid_dpop_proof", proofReplayed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeKilledUnderLoad_TheOtherServesOnWithoutAnError()
    {
        await using var a = await ServerProcess.StartAsync(_dir, _environment);
        await using var b = await ServerProcess.StartAsync(_dir, _environment);
        var credential = await CreateCredentialAsync();
        var token = await TokenAsync(a, credential);

        using var stop = new CancellationTokenSource();
        var failures = 0;
        var done = 0;
        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var ok = await CallAsync(b, token) == HttpStatusCode.OK && await TokenStatusAsync(b, credential) == HttpStatusCode.OK;
                Interlocked.Increment(ref ok ? ref done : ref failures);
            }
        })).ToList();
        await Task.Delay(500);
        a.Kill();
        await Task.Delay(1500);
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.Equal(0, failures);
        Assert.True(done > 50, $"only {done} rounds");
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(new Uri(a.Url(), ".well-known/jwks.json")));
    }

    [Fact]
    public async Task PostgresCrash_CachedWorkGoesOn_TheRestIs503_ThenBothNodesRecover_AndNothingAcknowledgedIsLost()
    {
        await using var a = await ServerProcess.StartAsync(_dir, _environment);
        await using var b = await ServerProcess.StartAsync(_dir, _environment);
        var warm = await CreateCredentialAsync();
        var token = await TokenAsync(a, warm);
        await TokenAsync(b, warm);
        var acknowledged = await CreateCredentialAsync(); // created, never used
        var unseen = (Id: Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), Secret: "x"); // in no node's memory

        var outage = _postgres.CrashAndRestartAsync(TimeSpan.FromSeconds(3));
        await Task.Delay(500);
        // During the outage: tokens are validated from memory (a valid one is accepted, and only the users'
        // data, which lives in the store, is unavailable; a bad one is refused), introspection answers, and
        // known credentials still get tokens.
        using (var users = await SendAsync(b, token))
        {
            // The protected API's surface: Druva's body, with Retry-After.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, users.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), users.Headers.RetryAfter?.Delta);
            Assert.Equal("ServiceUnavailable", JsonDocument.Parse(await users.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(b, token[..^6] + "AAAAAA"));
        using (var introspect = new HttpRequestMessage(HttpMethod.Post, new Uri(a.Url(), "introspect")) { Content = new FormUrlEncodedContent([new("token", token)]) })
        {
            introspect.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{warm.Id}:{warm.Secret}")));
            using var response = await _http.SendAsync(introspect);
            Assert.Contains("\"active\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(a, warm));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(b, warm));
        // A client id the node has never seen: while the change feed is current that is an unknown client,
        // answered from memory; with the store away the node cannot know whether it was created meanwhile.
        await Wait.UntilAsync(async () => await TokenStatusAsync(b, unseen) == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50));
        using (var cold = await RequestTokenAsync(b, unseen))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, cold.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), cold.Headers.RetryAfter?.Delta);
            Assert.Equal("temporarily_unavailable", JsonDocument.Parse(await cold.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }

        await outage;

        // Back: both nodes reconnect by themselves; the credential acknowledged before the crash is there.
        await Wait.UntilAsync(async () => await TokenStatusAsync(a, acknowledged) == HttpStatusCode.OK && await TokenStatusAsync(b, acknowledged) == HttpStatusCode.OK, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(200));
        var fresh = await CreateCredentialAsync();
        await Wait.UntilAsync(async () => await TokenStatusAsync(a, fresh) == HttpStatusCode.OK && await TokenStatusAsync(b, fresh) == HttpStatusCode.OK, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(b, await TokenAsync(a, fresh)));
        var revoked = await Cli.RunAsync(_dir, _environment, "credentials", "revoke", warm.Id);
        Assert.Equal(0, revoked.ExitCode);
        await Wait.UntilAsync(async () => await CallAsync(a, token) == HttpStatusCode.Unauthorized && await CallAsync(b, token) == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(2));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _postgres.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(string Id, string Secret)> CreateCredentialAsync()
    {
        var customer = await Cli.RunAsync(_dir, _environment, "customers", "create", "--name", "C", "--json");
        Assert.True(customer.ExitCode == 0, customer.Stderr);
        var created = await Cli.RunAsync(_dir, _environment, "credentials", "create", "--customer", JsonDocument.Parse(customer.Stdout).RootElement.GetProperty("id").GetString()!, "--name", "n", "--json");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var json = JsonDocument.Parse(created.Stdout).RootElement;
        return (json.GetProperty("clientId").GetString()!, json.GetProperty("secretKey").GetString()!);
    }

    private async Task<HttpResponseMessage> RequestTokenAsync(ServerProcess node, (string Id, string Secret) credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Url(), "token")) { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Id}:{credential.Secret}")));
        return await _http.SendAsync(request);
    }

    private async Task<HttpStatusCode> TokenStatusAsync(ServerProcess node, (string Id, string Secret) credential)
    {
        using var response = await RequestTokenAsync(node, credential);
        return response.StatusCode;
    }

    private async Task<string> TokenAsync(ServerProcess node, (string Id, string Secret) credential)
    {
        using var response = await RequestTokenAsync(node, credential);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<HttpStatusCode> CallAsync(ServerProcess node, string token, string path = Users)
    {
        using var response = await SendAsync(node, token, path);
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> SendAsync(ServerProcess node, string token, string path = Users)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Url(), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }
}
