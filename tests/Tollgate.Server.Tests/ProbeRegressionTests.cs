using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tollgate.Server.Background;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// The attacks of an outside probe that once succeeded, replayed through the real entry points: each must
/// now get the answer a careful OAuth server gives.
/// </summary>
public sealed class ProbeRegressionTests
{
    private const string Users = "insync/usermanagement/v1/users";

    /// <summary>60-second tokens on every cloud, so the revocation horizons are short enough to cross on a fake clock.</summary>
    private static readonly Dictionary<string, string?> ShortTokens = new()
    {
        ["Tollgate:Clouds:mainline:CustomerTokenLifetimeSeconds"] = "60",
        ["Tollgate:Clouds:mainline:MspTokenLifetimeSeconds"] = "60",
        ["Tollgate:Clouds:govcloud:CustomerTokenLifetimeSeconds"] = "60",
        ["Tollgate:Clouds:govcloud:MspTokenLifetimeSeconds"] = "60",
        ["Tollgate:Clouds:govapis:CustomerTokenLifetimeSeconds"] = "60",
        ["Tollgate:Clouds:govapis:MspTokenLifetimeSeconds"] = "60",
        ["Tollgate:Signing:CheckInterval"] = "00:00:01",
    };

    [Theory]
    [InlineData("RFC 7009 revocation")]
    [InlineData("credential revoked")]
    [InlineData("secret rotated")]
    public async Task RevokedToken_StaysRefused_AfterExpiry_ForAsLongAsTheClockSkewWouldAcceptIt(string how)
    {
        await using var host = await TestHost.StartAsync(fakeTime: true, settings: ShortTokens);
        var credential = await host.CreateCustomerCredentialAsync();
        var token = await host.GetTokenAsync(credential);
        using (var fresh = await host.CallAsync(HttpMethod.Get, Users, token))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode); // validated and cached
        }

        switch (how)
        {
            case "RFC 7009 revocation":
                using (var revoke = await host.PostFormAsync("revoke", "token=" + token, basic: credential))
                {
                    Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
                }

                break;
            case "credential revoked":
                await host.Admin.RevokeCredentialAsync(credential.ClientId);
                break;
            default:
                await host.Admin.RotateCredentialAsync(credential.ClientId);
                break;
        }

        await host.SyncAsync();
        var jobs = host.Services.GetServices<IHostedService>().OfType<PeriodicJob>().ToList();
        foreach (var pastExpiry in new[] { 1, 15, 29 })
        {
            // Past exp, inside the skew a validator grants: the revocation list is pruned, and must still hold.
            host.Time!.SetUtcNow(new JwtView(token).Expires.AddSeconds(pastExpiry));
            foreach (var job in jobs)
            {
                await job.RunOnceAsync(CancellationToken.None); // the sweep prunes the revocation list
            }

            using var late = await host.CallAsync(HttpMethod.Get, Users, token);
            Assert.True(late.StatusCode == HttpStatusCode.Unauthorized, $"{how}: {(int)late.StatusCode} at exp+{pastExpiry}s");
        }
    }

    [Fact]
    public async Task SecretRotation_RefusesEveryTokenOfTheOldSecret_IncludingThoseIssuedWhileItPropagated()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        var tokens = new ConcurrentBag<(string Token, long At)>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await host.RequestTokenAsync(credential);
                if (response.IsSuccessStatusCode)
                {
                    var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    tokens.Add((body.GetProperty("access_token").GetString()!, clock.ElapsedTicks));
                }
            }
        })).ToArray();

        await Task.Delay(300);
        await host.Admin.RotateCredentialAsync(credential.ClientId); // as `tollgate credentials rotate` does, from outside the server
        var committed = clock.ElapsedTicks;
        await Task.Delay(1500); // the old secret keeps working until the change reaches the node, then stops
        await stop.CancelAsync();
        await Task.WhenAll(load);

        using (var oldSecret = await host.RequestTokenAsync(credential))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, oldSecret.StatusCode);
        }

        var afterCommit = tokens.Count(t => t.At > committed);
        Assert.True(afterCommit > 0, "no token was issued with the old secret after the rotation committed: the race was not exercised");
        var accepted = 0;
        foreach (var (token, _) in tokens)
        {
            using var call = await host.CallAsync(HttpMethod.Get, Users, token);
            accepted += call.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.True(accepted == 0, $"{accepted} of {tokens.Count} tokens of the old secret accepted ({afterCommit} issued after the rotation committed)");
        Assert.True(afterCommit < tokens.Count, "the old secret got no token before the rotation");
    }

    public static TheoryData<string, string> Charsets => new()
    {
        { "token", "utf-7" },
        { "token", "UTF-7" },
        { "token", "\"utf-7\"" },
        { "token", "unicode-1-1-utf-7" },
        { "token", "csUnicode11UTF7" },
        { "token", "x-unicode20utf7" },
        { "token", "utf-32" },
        { "token", "no-such-charset" },
        { "msp/auth/v1/token", "utf-7" },
        { "introspect", "utf-7" },
        { "revoke", "utf-7" },
        { "revoke", "x-unicode20utf7" },
    };

    [Theory]
    [MemberData(nameof(Charsets))]
    public async Task OAuthEndpoints_WithUnsupportedCharset_Return400InvalidRequest(string path, string charset)
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();

        using var response = await SendFormAsync(host, path, "grant_type=client_credentials&token=abc", $"application/x-www-form-urlencoded; charset={charset}", credential);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Contains("charset", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomerTokenRoute_WithUnsupportedCharset_Returns400()
    {
        await using var host = await TestHost.StartAsync();
        var (msp, customers) = await host.CreateMspWithCustomersAsync(1);
        var mspToken = await host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"msp/v2/customers/{customers[0]}/token")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("grant_type=client_credentials")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-7");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mspToken);

        using var response = await host.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequest", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("\"UTF-8\"")]
    [InlineData("iso-8859-1")]
    public async Task Token_WithUtf8OrCompatibleCharset_IsServed(string charset)
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();

        using var response = await SendFormAsync(host, "token", "grant_type=client_credentials", $"application/x-www-form-urlencoded; charset={charset}", credential);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CustomerIdsThatAreNoGcid_NeverReachTheAuditTrail_AndGetTheUnknownCustomers404()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:FlushInterval"] = "00:00:00.200" });
        var (msp, customers) = await host.CreateMspWithCustomersAsync(1);
        var mspToken = await host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        const string forged = "x\u001b[2J\u001b[H\n2026-01-01T00:00:00Z  mainline  admin  credential.revoke";
        using var unknown = await host.PostFormAsync($"msp/v2/customers/{Guid.NewGuid()}/token", "grant_type=client_credentials", bearer: mspToken);
        using var route = await host.PostFormAsync($"msp/v2/customers/{Uri.EscapeDataString(forged)}/token", "grant_type=client_credentials", bearer: mspToken);
        using var exchange = await host.PostFormAsync(
            "token",
            $"grant_type={Uri.EscapeDataString("urn:ietf:params:oauth:grant-type:token-exchange")}&subject_token={mspToken}" +
            $"&subject_token_type={Uri.EscapeDataString("urn:ietf:params:oauth:token-type:access_token")}&resource={Uri.EscapeDataString(forged)}");
        using var upper = await host.PostFormAsync($"msp/v2/customers/{customers[0].ToUpperInvariant()}/token", "grant_type=client_credentials", bearer: mspToken);

        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await route.Content.ReadAsStringAsync());
        Assert.Equal("invalid_target", JsonDocument.Parse(await exchange.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, upper.StatusCode); // a GCID in capitals is the same GCID
        await Wait.UntilAsync(async () =>
        {
            return (await host.Admin.AuditAsync()).Count(e => e.Action == "customer_token.mint") == 4;
        }, TimeSpan.FromSeconds(5));
        var rows = (await host.Admin.AuditAsync()).Where(e => e.Action == "customer_token.mint").ToList();
        Assert.All(rows, e => Assert.True(e.EntityId == "(not a GCID)" || Guid.TryParseExact(e.EntityId, "D", out _), e.EntityId));
        Assert.Equal(2, rows.Count(e => e.EntityId == "(not a GCID)"));
        Assert.Contains(rows, e => e.EntityId == customers[0] && e.Status == 200);
    }

    [Fact]
    public async Task AllowListRefusal_AnswersExactlyAsAWrongSecret_AndTheTrailSaysWhy()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:FlushInterval"] = "00:00:00.200" });
        var limited = await host.CreateCustomerCredentialAsync(allow: ["10.0.0.0/8"]);

        using var rightSecret = await host.RequestTokenAsync(limited);
        using var wrongSecret = await host.RequestTokenAsync(limited with { Secret = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, rightSecret.StatusCode);
        Assert.Equal(await wrongSecret.Content.ReadAsStringAsync(), await rightSecret.Content.ReadAsStringAsync());
        Assert.Equal(wrongSecret.Headers.WwwAuthenticate.ToString(), rightSecret.Headers.WwwAuthenticate.ToString());
        var reasons = await FailureReasonsAsync(host, 2);
        Assert.Equal(["outside_allowed_networks", "wrong_secret"], reasons.Select(r => r.Detail).Order());
    }

    [Fact]
    public async Task FailedClientAuthentications_AreInTheAuditTrail_HashedWithSourceAndReason()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:FlushInterval"] = "00:00:00.200" });
        var credential = await host.CreateCustomerCredentialAsync();

        (await host.RequestTokenAsync(credential with { Secret = "wrong" })).Dispose();
        (await host.RequestTokenAsync(credential with { ClientId = "nobody-" + Guid.NewGuid() })).Dispose();
        (await SendFormAsync(host, "token", "grant_type=client_credentials", "application/x-www-form-urlencoded", authorization: "Basic %%%")).Dispose();
        (await host.PostFormAsync("introspect", "token=abc", basic: credential with { Secret = "wrong" })).Dispose();

        var rows = await FailureReasonsAsync(host, 4);
        Assert.Equal(["malformed_credentials", "unknown_client", "wrong_secret", "wrong_secret"], rows.Select(r => r.Detail).Order());
        Assert.All(rows, r =>
        {
            Assert.Equal("127.0.0.1", r.SourceIp);
            Assert.Equal(401, r.Status);
            Assert.DoesNotContain(credential.ClientId, r.EntityId + r.Actor, StringComparison.Ordinal);
            Assert.DoesNotContain("nobody", r.EntityId + r.Actor, StringComparison.Ordinal);
        });
        Assert.Single(rows.Where(r => r.Detail == "wrong_secret").Select(r => r.EntityId).Distinct()); // one client, one hash
        Assert.Matches("^[0-9a-f]{8}$", rows.First(r => r.Detail == "wrong_secret").EntityId);
    }

    [Fact]
    public async Task ErrorDescription_NeverEchoesCharactersRfc6749Forbids()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        var name = Uri.EscapeDataString("<script>\"x\"\\\n\u00e9\u202e");

        using var response = await SendFormAsync(host, "token", $"grant_type=client_credentials&{name}=1&{name}=2", "application/x-www-form-urlencoded", credential);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var description = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error_description").GetString()!;
        Assert.Contains("repeated", description, StringComparison.Ordinal);
        // RFC 6749 §5.2: error_description is %x20-21 / %x23-5B / %x5D-7E.
        Assert.All(description, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"U+{(int)c:X4} in '{description}'"));
    }

    [Fact]
    public async Task EveryAnswer_SaysNoSniff_AndProtectedApisSayNoStore()
    {
        await using var host = await TestHost.StartAsync();
        var token = await host.GetTokenAsync(await host.CreateCustomerCredentialAsync());

        using var users = await host.CallAsync(HttpMethod.Get, Users, token);
        using var unauthorized = await host.CallAsync(HttpMethod.Get, Users, null);
        using var tokenError = await SendFormAsync(host, "token", "grant_type=client_credentials", "application/x-www-form-urlencoded");
        using var missing = await host.Client().GetAsync("no/such/path");
        using var jwks = await host.Client().GetAsync(".well-known/jwks.json");

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        foreach (var response in new[] { users, unauthorized, tokenError, missing, jwks })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        Assert.True(users.Headers.CacheControl?.NoStore, "the users API must not be cached");
        Assert.True(unauthorized.Headers.CacheControl?.NoStore);
    }

    private static async Task<List<Core.Stores.AuditEvent>> FailureReasonsAsync(TestHost host, int expected)
    {
        List<Core.Stores.AuditEvent> rows = [];
        await Wait.UntilAsync(async () =>
        {
            rows = [.. (await host.Admin.AuditAsync()).Where(e => e.Action == "client_auth.failed")];
            return rows.Count >= expected;
        }, TimeSpan.FromSeconds(5));
        Assert.Equal(expected, rows.Count);
        return rows;
    }

    private static Task<HttpResponseMessage> SendFormAsync(TestHost host, string path, string body, string contentType, TestCredential? basic = null, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (basic is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic.RawBasic);
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return host.Client().SendAsync(request);
    }

    /// <summary>The expiry of a token, read without validating it.</summary>
    private readonly record struct JwtView(string Token)
    {
        public DateTimeOffset Expires => new(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(Token).ValidTo, TimeSpan.Zero);
    }
}
