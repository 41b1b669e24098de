using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tollgate.Core.Credentials;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// <c>/admin/v1/credentials</c> on the wire: tokens of credentials with an administrator role, each role allowed or
/// refused what Druva's role table says, RFC 9457 problem details, paging, ETags.
/// </summary>
public sealed class AdminApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Credentials = "admin/v1/credentials";

    private TestHost Host => fixture.Host;

    /// <summary>Two MSPs with a customer and a customer credential each, and a caller holding <c>role</c>.</summary>
    private sealed record World(string Token, string MspA, string CustomerA, string CredentialA, string MspB, string CustomerB, string CredentialB)
    {
        public string CallerId { get; init; } = string.Empty;

        public string CallerSecret { get; init; } = string.Empty;

        public string SecretA { get; init; } = string.Empty;
    }

    public static TheoryData<string, string, HttpStatusCode> Matrix => new()
    {
        // operation, role (none = an ordinary customer credential), expected status
        { "list", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "list", AdminRoles.CloudAdminReadOnly, HttpStatusCode.OK },
        { "list", AdminRoles.MspAdmin, HttpStatusCode.OK },
        { "list", "none", HttpStatusCode.Forbidden },
        { "get own", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "get own", AdminRoles.CloudAdminReadOnly, HttpStatusCode.OK },
        { "get own", AdminRoles.MspAdmin, HttpStatusCode.OK },
        { "get own", "none", HttpStatusCode.Forbidden },
        { "get other MSP's", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "get other MSP's", AdminRoles.MspAdmin, HttpStatusCode.NotFound },
        { "create for own customer", AdminRoles.CloudAdmin, HttpStatusCode.Created },
        { "create for own customer", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "create for own customer", AdminRoles.MspAdmin, HttpStatusCode.Created },
        { "create for own customer", "none", HttpStatusCode.Forbidden },
        { "create for other MSP's customer", AdminRoles.CloudAdmin, HttpStatusCode.Created },
        { "create for other MSP's customer", AdminRoles.MspAdmin, HttpStatusCode.NotFound },
        { "create cloud admin", AdminRoles.CloudAdmin, HttpStatusCode.Created },
        { "create cloud admin", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "create cloud admin", AdminRoles.MspAdmin, HttpStatusCode.Forbidden },
        { "rotate own", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "rotate own", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "rotate own", AdminRoles.MspAdmin, HttpStatusCode.OK },
        { "rotate other MSP's", AdminRoles.MspAdmin, HttpStatusCode.NotFound },
        { "update own", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "update own", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "update own", AdminRoles.MspAdmin, HttpStatusCode.OK },
        { "update other MSP's", AdminRoles.MspAdmin, HttpStatusCode.NotFound },
        { "revoke own", AdminRoles.CloudAdmin, HttpStatusCode.NoContent },
        { "revoke own", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "revoke own", AdminRoles.MspAdmin, HttpStatusCode.NoContent },
        { "revoke other MSP's", AdminRoles.MspAdmin, HttpStatusCode.NotFound },
        { "revoke other MSP's", "none", HttpStatusCode.Forbidden },
        { "list MSPs", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "list MSPs", AdminRoles.MspAdmin, HttpStatusCode.OK },
        { "list MSPs", "none", HttpStatusCode.Forbidden },
        { "create MSP", AdminRoles.CloudAdmin, HttpStatusCode.Created },
        { "create MSP", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "create MSP", AdminRoles.MspAdmin, HttpStatusCode.Forbidden },
        { "list customers", AdminRoles.CloudAdminReadOnly, HttpStatusCode.OK },
        { "list customers", AdminRoles.MspAdmin, HttpStatusCode.OK },
        { "get other MSP's customer", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "get other MSP's customer", AdminRoles.MspAdmin, HttpStatusCode.NotFound },
        { "create customer for own MSP", AdminRoles.MspAdmin, HttpStatusCode.Created },
        { "create customer for own MSP", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "create customer for other MSP", AdminRoles.CloudAdmin, HttpStatusCode.Created },
        { "create customer for other MSP", AdminRoles.MspAdmin, HttpStatusCode.NotFound },
        { "list keys", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "list keys", AdminRoles.CloudAdminReadOnly, HttpStatusCode.OK },
        { "list keys", AdminRoles.MspAdmin, HttpStatusCode.Forbidden },
        { "rotate keys", AdminRoles.CloudAdmin, HttpStatusCode.Created },
        { "rotate keys", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "rotate keys", AdminRoles.MspAdmin, HttpStatusCode.Forbidden },
        { "audit", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "audit", AdminRoles.MspAdmin, HttpStatusCode.OK },
        { "audit", "none", HttpStatusCode.Forbidden },
        { "list", AdminRoles.CustomerAdmin, HttpStatusCode.OK },
        { "get own", AdminRoles.CustomerAdmin, HttpStatusCode.OK },
        { "get other MSP's", AdminRoles.CustomerAdmin, HttpStatusCode.NotFound },
        { "create for own customer", AdminRoles.CustomerAdmin, HttpStatusCode.Created },
        { "create for other MSP's customer", AdminRoles.CustomerAdmin, HttpStatusCode.NotFound },
        { "create cloud admin", AdminRoles.CustomerAdmin, HttpStatusCode.Forbidden },
        { "update own", AdminRoles.CustomerAdmin, HttpStatusCode.OK },
        { "rotate own", AdminRoles.CustomerAdmin, HttpStatusCode.OK },
        { "revoke own", AdminRoles.CustomerAdmin, HttpStatusCode.NoContent },
        { "revoke other MSP's", AdminRoles.CustomerAdmin, HttpStatusCode.NotFound },
        { "list MSPs", AdminRoles.CustomerAdmin, HttpStatusCode.OK },
        { "create MSP", AdminRoles.CustomerAdmin, HttpStatusCode.Forbidden },
        { "list customers", AdminRoles.CustomerAdmin, HttpStatusCode.OK },
        { "get other MSP's customer", AdminRoles.CustomerAdmin, HttpStatusCode.NotFound },
        { "create customer for own MSP", AdminRoles.CustomerAdmin, HttpStatusCode.Forbidden },
        { "list keys", AdminRoles.CustomerAdmin, HttpStatusCode.Forbidden },
        { "rotate keys", AdminRoles.CustomerAdmin, HttpStatusCode.Forbidden },
        { "audit", AdminRoles.CustomerAdmin, HttpStatusCode.OK },
        { "list administrators", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "list administrators", AdminRoles.CloudAdminReadOnly, HttpStatusCode.OK },
        { "list administrators", AdminRoles.MspAdmin, HttpStatusCode.Forbidden },
        { "list administrators", AdminRoles.CustomerAdmin, HttpStatusCode.Forbidden },
        { "list administrators", "none", HttpStatusCode.Forbidden },
        { "create administrator", AdminRoles.CloudAdmin, HttpStatusCode.Created },
        { "create administrator", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "create administrator", AdminRoles.MspAdmin, HttpStatusCode.Forbidden },
        { "create administrator", AdminRoles.CustomerAdmin, HttpStatusCode.Forbidden },
        { "disable administrator", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "disable administrator", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "disable administrator", AdminRoles.MspAdmin, HttpStatusCode.Forbidden },
        { "reset administrator", AdminRoles.CloudAdmin, HttpStatusCode.OK },
        { "reset administrator", AdminRoles.CloudAdminReadOnly, HttpStatusCode.Forbidden },
        { "reset administrator", AdminRoles.CustomerAdmin, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRole_IsAllowedOrRefused_AsTheRoleTableSays(string operation, string role, HttpStatusCode expected)
    {
        var world = await WorldAsync(role);
        using var response = operation switch
        {
            "list" => await Host.CallAsync(HttpMethod.Get, Credentials, world.Token),
            "get own" => await Host.CallAsync(HttpMethod.Get, Path(world.CredentialA), world.Token),
            "get other MSP's" => await Host.CallAsync(HttpMethod.Get, Path(world.CredentialB), world.Token),
            "create for own customer" => await Host.CallAsync(HttpMethod.Post, Credentials, world.Token, json: Create("customer", world.CustomerA)),
            "create for other MSP's customer" => await Host.CallAsync(HttpMethod.Post, Credentials, world.Token, json: Create("customer", world.CustomerB)),
            "create cloud admin" => await Host.CallAsync(HttpMethod.Post, Credentials, world.Token, json: Create("cloud", "mainline", AdminRoles.CloudAdmin)),
            "rotate own" => await Host.CallAsync(HttpMethod.Post, Path(world.CredentialA) + "/rotate", world.Token),
            "rotate other MSP's" => await Host.CallAsync(HttpMethod.Post, Path(world.CredentialB) + "/rotate", world.Token),
            "update own" => await Host.CallAsync(HttpMethod.Patch, Path(world.CredentialA), world.Token, json: """{"name":"renamed"}"""),
            "update other MSP's" => await Host.CallAsync(HttpMethod.Patch, Path(world.CredentialB), world.Token, json: """{"name":"renamed"}"""),
            "revoke own" => await Host.CallAsync(HttpMethod.Delete, Path(world.CredentialA), world.Token),
            "revoke other MSP's" => await Host.CallAsync(HttpMethod.Delete, Path(world.CredentialB), world.Token),
            "list MSPs" => await Host.CallAsync(HttpMethod.Get, "admin/v1/msps?pageSize=200", world.Token),
            "create MSP" => await Host.CallAsync(HttpMethod.Post, "admin/v1/msps", world.Token, json: """{"name":"new MSP"}"""),
            "list customers" => await Host.CallAsync(HttpMethod.Get, "admin/v1/customers?pageSize=200", world.Token),
            "get other MSP's customer" => await Host.CallAsync(HttpMethod.Get, "admin/v1/customers/" + world.CustomerB, world.Token),
            "create customer for own MSP" => await Host.CallAsync(HttpMethod.Post, "admin/v1/customers", world.Token, json: $$"""{"name":"new","mspId":"{{world.MspA}}"}"""),
            "create customer for other MSP" => await Host.CallAsync(HttpMethod.Post, "admin/v1/customers", world.Token, json: $$"""{"name":"new","mspId":"{{world.MspB}}"}"""),
            "list keys" => await Host.CallAsync(HttpMethod.Get, "admin/v1/keys", world.Token),
            "rotate keys" => await Host.CallAsync(HttpMethod.Post, "admin/v1/keys/rotate", world.Token),
            "audit" => await Host.CallAsync(HttpMethod.Get, "admin/v1/audit?limit=1000", world.Token),
            "list administrators" => await Host.CallAsync(HttpMethod.Get, "admin/v1/administrators", world.Token),
            "create administrator" => await Host.CallAsync(HttpMethod.Post, "admin/v1/administrators", world.Token, json: $$"""{"email":"{{Guid.NewGuid():N}}@example.com","role":"cloud-admin-read-only"}"""),
            "disable administrator" => await Host.CallAsync(HttpMethod.Post, $"admin/v1/administrators/{(await NewAdministratorAsync()).Id}/disable", world.Token),
            "reset administrator" => await Host.CallAsync(HttpMethod.Post, $"admin/v1/administrators/{(await NewAdministratorAsync()).Id}/reset-password", world.Token),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        Assert.Equal(expected, response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            // RFC 9457: every refusal is a problem document.
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        }

        if (operation == "list MSPs" && expected == HttpStatusCode.OK)
        {
            var ids = Items(await response.Content.ReadAsStringAsync()).Select(i => i.GetProperty("id").GetString()).ToList();
            Assert.Equal(role != AdminRoles.CustomerAdmin, ids.Contains(world.MspA)); // a customer administrator sees no MSP
            Assert.Equal(CloudWide(role), ids.Contains(world.MspB));
        }

        if (operation == "list customers" && expected == HttpStatusCode.OK && !CloudWide(role))
        {
            var ids = Items(await response.Content.ReadAsStringAsync()).Select(i => i.GetProperty("id").GetString()).ToList();
            Assert.Equal([world.CustomerA], ids);
        }

        if (operation == "audit" && expected == HttpStatusCode.OK)
        {
            var events = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
            Assert.NotEmpty(events);
            if (role == AdminRoles.MspAdmin)
            {
                Assert.All(events, e => Assert.Equal(world.MspA, e.GetProperty("mspId").GetString()));
            }
            else if (role == AdminRoles.CustomerAdmin)
            {
                Assert.All(events, e => Assert.Equal(world.CustomerA, e.GetProperty("customerId").GetString()));
            }
            else
            {
                Assert.Contains(events, e => e.GetProperty("mspId").GetString() == world.MspB);
            }
        }

        if (operation == "list" && expected == HttpStatusCode.OK)
        {
            var ids = await ListAllAsync(world.Token);
            Assert.Contains(world.CredentialA, ids);
            Assert.Equal(CloudWide(role), ids.Contains(world.CredentialB)); // an MSP or customer administrator sees its own only
        }
    }

    [Fact]
    public async Task CloudAdmin_CreatesACredential_ItWorks_ThenRevokesIt_AndItsTokenIsRefused()
    {
        var world = await WorldAsync(AdminRoles.CloudAdmin);

        using var created = await Host.CallAsync(HttpMethod.Post, Credentials, world.Token, json: Create("customer", world.CustomerA));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var clientId = body.GetProperty("credential").GetProperty("clientId").GetString()!;
        var secret = body.GetProperty("secretKey").GetString()!;
        Assert.Equal("/" + Path(clientId), created.Headers.Location?.OriginalString);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());

        // The secret works at /token and the token calls the customer's API.
        var credential = new TestCredential(clientId, secret, world.CustomerA, "mainline");
        var token = await Host.GetTokenAsync(credential);
        using (var users = await Host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", token))
        {
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        }

        // The secret is never shown again.
        using (var read = await Host.CallAsync(HttpMethod.Get, Path(clientId), world.Token))
        {
            Assert.DoesNotContain(secret, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var revoked = await Host.CallAsync(HttpMethod.Delete, Path(clientId), world.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        var took = await Wait.AllHoldAsync(TimeSpan.FromSeconds(3), async () =>
        {
            using var refused = await Host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", token);
            return refused.StatusCode == HttpStatusCode.Unauthorized;
        });
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took.TotalMilliseconds:0} ms");
        // The audit trail names the administrator's credential and where the call came from.
        var audit = await Host.Admin.AuditAsync();
        var revoke = Assert.Single(audit, e => e.Action == "credential.revoke" && e.EntityId == clientId);
        Assert.Equal("client:" + world.CallerId, revoke.Actor);
        Assert.Equal("127.0.0.1", revoke.SourceIp);
    }

    [Fact]
    public async Task Rotate_WithAStaleIfMatch_Is412_WithTheCurrentOne_Succeeds_AndTheETagMoves()
    {
        var world = await WorldAsync(AdminRoles.CloudAdmin);
        using var read = await Host.CallAsync(HttpMethod.Get, Path(world.CredentialA), world.Token);
        var etag = read.Headers.ETag!.Tag;

        using var first = await SendAsync(HttpMethod.Post, Path(world.CredentialA) + "/rotate", world.Token, etag);
        using var stale = await SendAsync(HttpMethod.Post, Path(world.CredentialA) + "/rotate", world.Token, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Update_LimitsACredential_NewTokensFollow_AndAStaleIfMatchChangesNothing()
    {
        var world = await WorldAsync(AdminRoles.CloudAdmin);
        using var read = await Host.CallAsync(HttpMethod.Get, Path(world.CredentialA), world.Token);
        var etag = read.Headers.ETag!.Tag;

        // Read only, and only from 10.0.0.0/8: this test's requests come from 127.0.0.1.
        using var limited = await SendAsync(HttpMethod.Patch, Path(world.CredentialA), world.Token, etag, """{"scope":"read","allow":["10.0.0.0/8"]}""");
        Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
        var body = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("read", body.GetProperty("scope").GetString());
        Assert.Equal(["10.0.0.0/8"], body.GetProperty("allow").EnumerateArray().Select(a => a.GetString()));
        Assert.NotEqual(etag, limited.Headers.ETag!.Tag);

        using var stale = await SendAsync(HttpMethod.Patch, Path(world.CredentialA), world.Token, etag, """{"name":"lost update"}""");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using (var again = await Host.CallAsync(HttpMethod.Get, Path(world.CredentialA), world.Token))
        {
            Assert.Equal("a", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString());
        }

        // The credential's owner now gets invalid_client from here (outside its networks).
        await Host.SyncAsync();
        using (var refused = await Host.RequestTokenAsync(new TestCredential(world.CredentialA, world.SecretA, world.CustomerA, "mainline")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var audit = await Host.Admin.AuditAsync();
        Assert.Contains(audit, e => e.Action == "credential.update" && e.EntityId == world.CredentialA);
    }

    [Fact]
    public async Task Keys_AreRegisteredAndRemoved_ThroughTheApi_AndACredentialCanRequireDpop()
    {
        var world = await WorldAsync(AdminRoles.CloudAdmin);
        using var first = TestKey.Ec();
        using var second = TestKey.Rsa();
        var jwks = new System.Text.Json.Nodes.JsonObject { ["keys"] = new System.Text.Json.Nodes.JsonArray(first.PublicJwk("first")) };
        var body = $$$"""{"name":"keyed","ownerKind":"customer","ownerId":"{{{world.CustomerA}}}","jwks":{{{jwks.ToJsonString()}}},"requireDpop":true}""";
        using var created = await Host.CallAsync(HttpMethod.Post, Credentials, world.Token, json: body);
        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("secretKey").ValueKind);
        var credential = json.GetProperty("credential");
        var clientId = credential.GetProperty("clientId").GetString()!;
        Assert.False(credential.GetProperty("hasSecret").GetBoolean());
        Assert.True(credential.GetProperty("requireDpop").GetBoolean());
        Assert.Equal(first.Thumbprint, Assert.Single(credential.GetProperty("keys").EnumerateArray()).GetProperty("thumbprint").GetString());

        using (var added = await Host.CallAsync(HttpMethod.Post, Path(clientId) + "/keys", world.Token, json: second.PublicJwk("second").ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            var keys = JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString());
            Assert.Equal(["first", "second"], keys);
        }

        using (var again = await Host.CallAsync(HttpMethod.Post, Path(clientId) + "/keys", world.Token, json: second.PublicJwk("second").ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        using (var removed = await Host.CallAsync(HttpMethod.Delete, Path(clientId) + "/keys/first", world.Token))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        using (var unknown = await Host.CallAsync(HttpMethod.Delete, Path(clientId) + "/keys/first", world.Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var last = await Host.CallAsync(HttpMethod.Delete, Path(clientId) + "/keys/second", world.Token))
        {
            Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
            Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        }

        using (var relaxed = await Host.CallAsync(HttpMethod.Patch, Path(clientId), world.Token, json: """{"requireDpop":false}"""))
        {
            Assert.False(JsonDocument.Parse(await relaxed.Content.ReadAsStringAsync()).RootElement.GetProperty("requireDpop").GetBoolean());
        }

        using var badKey = await Host.CallAsync(HttpMethod.Post, Credentials, world.Token, json: $$$"""{"name":"k","ownerKind":"customer","ownerId":"{{{world.CustomerA}}}","jwks":{"kty":"oct","k":"c2VjcmV0"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Contains("jwks", await badKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_AsCsv_HasAHeaderAndTheEvents()
    {
        var world = await WorldAsync(AdminRoles.CloudAdmin);
        using (var revoked = await Host.CallAsync(HttpMethod.Delete, Path(world.CredentialA), world.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/v1/audit?action=credential.revoke");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await Host.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at,actor,action,entityType,entityId,mspId,customerId,sourceIp,status,detail", lines[0]);
        Assert.Contains(lines, l => l.Contains(",credential.revoke,credential," + Admin.AuditCsv.Field(world.CredentialA) + ",", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    public void AuditCsvFields_AreQuoted_AndNeverAFormula(string value, string written) =>
        Assert.Equal(written, Admin.AuditCsv.Field(value));

    [Fact]
    public async Task List_PagesWithTheNextPageTokenAlone_EachCredentialOnce()
    {
        var world = await WorldAsync(AdminRoles.MspAdmin);
        for (var i = 0; i < 4; i++)
        {
            using var created = await Host.CallAsync(HttpMethod.Post, Credentials, world.Token, json: Create("customer", world.CustomerA));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var seen = new List<string>();
        string? path = Credentials + "?pageSize=2";
        do
        {
            using var page = await Host.CallAsync(HttpMethod.Get, path, world.Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement;
            var items = body.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("clientId").GetString()!).ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            var next = body.GetProperty("nextPageToken").GetString();
            path = string.IsNullOrEmpty(next) ? null : Credentials + "?pageToken=" + Uri.EscapeDataString(next);
        }
        while (path is not null);

        // The MSP's ordinary credential, the administrator's own, the customer's first one and the four new ones; each once.
        Assert.Equal(7, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "not JSON", "{" },
        { "no owner", """{"name":"n"}""" },
        { "unknown owner kind", """{"name":"n","ownerKind":"moon","ownerId":"x"}""" },
        { "unknown role", """{"name":"n","ownerKind":"cloud","ownerId":"mainline","role":"root"}""" },
        { "cloud role on a customer", """{"name":"n","ownerKind":"customer","ownerId":"CUSTOMER","role":"cloud-admin"}""" },
        { "bad scope", """{"name":"n","ownerKind":"customer","ownerId":"CUSTOMER","scope":"admin"}""" },
        { "bad network", """{"name":"n","ownerKind":"customer","ownerId":"CUSTOMER","allow":["10.0.0.0/99"]}""" },
        { "no name", """{"ownerKind":"customer","ownerId":"CUSTOMER"}""" },
        { "null network", """{"name":"n","ownerKind":"customer","ownerId":"CUSTOMER","allow":[null]}""" },
        { "null owner id", """{"name":"n","ownerKind":"customer","ownerId":null}""" },
        { "array body", """[]""" },
        { "huge name", "{\"name\":\"" + new string('n', 300) + "\",\"ownerKind\":\"customer\",\"ownerId\":\"CUSTOMER\"}" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_WithBadInput_Is400ProblemDetails(string name, string json)
    {
        _ = name;
        var world = await WorldAsync(AdminRoles.CloudAdmin);
        using var response = await Host.CallAsync(HttpMethod.Post, Credentials, world.Token, json: json.Replace("CUSTOMER", world.CustomerA, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("Bad Request", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("""{"allow":[null]}""")]
    [InlineData("""{"allow":["10.0.0.0/99"]}""")]
    [InlineData("""{"scope":"admin"}""")]
    [InlineData("""{"quota":"sixty a minute"}""")]
    [InlineData("""{"quota":"0/m"}""")]
    [InlineData("""{"quota":"60/m 70/m"}""")]
    [InlineData("""{"quota":"60/w"}""")]
    [InlineData("""{"name":""}""")]
    [InlineData("""[]""")]
    [InlineData("""{"name":""")]
    public async Task Update_WithBadInput_Is400ProblemDetails_AndChangesNothing(string json)
    {
        var world = await WorldAsync(AdminRoles.CloudAdmin);
        using var before = await Host.CallAsync(HttpMethod.Get, Path(world.CredentialA), world.Token);

        using var response = await Host.CallAsync(HttpMethod.Patch, Path(world.CredentialA), world.Token, json: json);
        using var after = await Host.CallAsync(HttpMethod.Get, Path(world.CredentialA), world.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task AnAdministratorsToken_IsGoodOnItsOwnCloudOnly()
    {
        var admin = await Host.CreateAdminCredentialAsync(AdminRole.CloudAdmin);
        var token = await Host.GetTokenAsync(admin);

        using var home = await Host.CallAsync(HttpMethod.Get, Credentials, token);
        using var elsewhere = await Host.CallAsync(HttpMethod.Get, Credentials, token, cloud: "govcloud");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("explicit deny", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomerTokenMintedByAnMspAdministrator_CarriesNoRole()
    {
        var world = await WorldAsync(AdminRoles.MspAdmin);
        var mspAdmin = new TestCredential(world.CallerId, world.CallerSecret, world.MspA, "mainline");

        var customerToken = await Host.GetCustomerTokenAsync(mspAdmin, world.CustomerA);
        using var response = await Host.CallAsync(HttpMethod.Get, Credentials, customerToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<World> WorldAsync(string role)
    {
        var (mspA, customersA) = await Host.CreateMspWithCustomersAsync(1);
        var (mspB, customersB) = await Host.CreateMspWithCustomersAsync(1);
        var credentialA = await Host.Admin.CreateCredentialAsync(OwnerKind.Customer, customersA[0], "a", ScopeSet.All, []);
        var credentialB = await Host.Admin.CreateCredentialAsync(OwnerKind.Customer, customersB[0], "b", ScopeSet.All, []);
        await Host.SyncAsync();
        TestCredential caller;
        string token;
        if (role == "none")
        {
            caller = new TestCredential(credentialA.Credential.ClientId, credentialA.SecretKey!, customersA[0], "mainline");
            token = await Host.GetTokenAsync(caller);
        }
        else
        {
            Assert.True(AdminRoles.TryParse(role, out var adminRole));
            caller = await Host.CreateAdminCredentialAsync(adminRole, mspA.OwnerId, customerId: customersA[0]);
            token = await Host.GetTokenAsync(caller, path: adminRole == AdminRole.MspAdmin ? "msp/auth/v1/token" : "token");
        }

        return new World(token, mspA.OwnerId, customersA[0], credentialA.Credential.ClientId, mspB.OwnerId, customersB[0], credentialB.Credential.ClientId)
        {
            CallerId = caller.ClientId,
            CallerSecret = caller.Secret,
            SecretA = credentialA.SecretKey!,
        };
    }

    private static bool CloudWide(string role) => role is AdminRoles.CloudAdmin or AdminRoles.CloudAdminReadOnly;

    private static List<JsonElement> Items(string body) => [.. JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task EmergencyKeyRotation_ThroughTheAdminApi_SignsTheNextTokenAtOnce()
    {
        var world = await WorldAsync(AdminRoles.CloudAdmin);
        using var rotated = await Host.CallAsync(HttpMethod.Post, "admin/v1/keys/rotate", world.Token);
        var kid = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("kid").GetString();

        var credential = new TestCredential(world.CallerId, world.CallerSecret, "mainline", "mainline");
        Assert.Equal(kid, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(await Host.GetTokenAsync(credential)).Kid);
        using var keys = await Host.CallAsync(HttpMethod.Get, "admin/v1/keys", world.Token);
        var listed = JsonDocument.Parse(await keys.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.Equal("active", Assert.Single(listed, k => k.GetProperty("kid").GetString() == kid).GetProperty("state").GetString());
        Assert.DoesNotContain("ProtectedKey", await keys.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every credential the token sees, page after page.</summary>
    private async Task<List<string>> ListAllAsync(string token)
    {
        var ids = new List<string>();
        var path = Credentials + "?pageSize=200";
        while (path is not null)
        {
            using var page = await Host.CallAsync(HttpMethod.Get, path, token);
            var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement;
            ids.AddRange(body.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("clientId").GetString()!));
            var next = body.GetProperty("nextPageToken").GetString();
            path = string.IsNullOrEmpty(next) ? null : Credentials + "?pageToken=" + Uri.EscapeDataString(next);
        }

        return ids;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, string ifMatch, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return Host.Client().SendAsync(request);
    }

    private static string Path(string clientId) => Credentials + "/" + Uri.EscapeDataString(clientId);

    private static string Create(string ownerKind, string ownerId, string? role = null) =>
        JsonSerializer.Serialize(new { name = "made by the admin API", ownerKind, ownerId, role });

    [Fact]
    public async Task AnInvitation_FormattedForALog_NeverShowsItsPassword()
    {
        var invitation = await Host.CreateAdministratorAsync($"{Guid.NewGuid():N}@example.com", AdminRole.CloudAdmin);
        Assert.DoesNotContain(invitation.OneTimePassword, invitation.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(invitation.OneTimePassword, $"{invitation}", StringComparison.Ordinal);
    }

    private async Task<Core.Stores.AdministratorAccount> NewAdministratorAsync() =>
        (await Host.CreateAdministratorAsync($"{Guid.NewGuid():N}@example.com", AdminRole.CloudAdmin)).Account;

    [Fact]
    public async Task Administrators_InviteDisableReset_ThroughTheApi_TheConsoleFollows()
    {
        var admin = await Host.CreateAdminCredentialAsync(AdminRole.CloudAdmin);
        var token = await Host.GetTokenAsync(admin);
        var email = $"{Guid.NewGuid():N}@example.com";
        using var created = await Host.CallAsync(HttpMethod.Post, "admin/v1/administrators", token, json: $$"""{"email":"{{email}}","role":"cloud-admin"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("administrator").GetProperty("id").GetString()!;
        Assert.Equal($"/admin/v1/administrators/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("invited", body.GetProperty("administrator").GetProperty("status").GetString());
        var password = body.GetProperty("oneTimePassword").GetString()!;
        Assert.Equal("/console/password", await TestConsole.SignInAsync(new Uri(Host.Mainline), email, password));

        using (var one = await Host.CallAsync(HttpMethod.Get, $"admin/v1/administrators/{id}", token))
        {
            var text = await one.Content.ReadAsStringAsync();
            Assert.Contains(email, text, StringComparison.Ordinal);
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
            Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        }

        using (var listed = await Host.CallAsync(HttpMethod.Get, "admin/v1/administrators?pageSize=200", token))
        {
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.DoesNotContain(password, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var twice = await Host.CallAsync(HttpMethod.Post, "admin/v1/administrators", token, json: $$"""{"email":"{{email}}","role":"cloud-admin"}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Equal("application/problem+json", twice.Content.Headers.ContentType?.MediaType);
        }

        using (var disabled = await Host.CallAsync(HttpMethod.Post, $"admin/v1/administrators/{id}/disable", token))
        {
            Assert.Equal("disabled", JsonDocument.Parse(await disabled.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }

        Assert.Null(await TestConsole.SignInAsync(new Uri(Host.Mainline), email, password));
        using (var again = await Host.CallAsync(HttpMethod.Post, $"admin/v1/administrators/{id}/disable", token))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using var reset = await Host.CallAsync(HttpMethod.Post, $"admin/v1/administrators/{id}/reset-password", token);
        var fresh = JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("oneTimePassword").GetString()!;
        Assert.Equal("/console/password", await TestConsole.SignInAsync(new Uri(Host.Mainline), email, fresh));
        Assert.Contains(await Host.Admin.AuditAsync(), e => e.Action == "administrator.reset_password" && e.Actor == "client:" + admin.ClientId && e.EntityId == id);
    }

    [Theory]
    [InlineData("POST", "admin/v1/administrators", """{"email":"not an address","role":"cloud-admin"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "admin/v1/administrators", """{"email":"a@b.example","role":"root"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "admin/v1/administrators", """{"email":"a@b.example","role":"msp-admin"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "admin/v1/administrators", """{"email":"a@b.example","role":"msp-admin","mspId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff"}""", HttpStatusCode.NotFound)]
    [InlineData("POST", "admin/v1/administrators", """{"email":null,"role":null}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "admin/v1/administrators", "[]", HttpStatusCode.BadRequest)]
    [InlineData("GET", "admin/v1/administrators/6f9619ff-8b86-d011-b42d-00cf4fc964ff", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "admin/v1/administrators/ada@example.com", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "admin/v1/administrators/not-a-guid/disable", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "admin/v1/administrators/6f9619ff-8b86-d011-b42d-00cf4fc964ff/reset-password", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "admin/v1/administrators?pageToken=forged", null, HttpStatusCode.BadRequest)]
    public async Task Administrators_BadInput_IsAProblem_NeverA500(string method, string path, string? json, HttpStatusCode expected)
    {
        var admin = await Host.CreateAdminCredentialAsync(AdminRole.CloudAdmin);
        using var response = await Host.CallAsync(new HttpMethod(method), path, await Host.GetTokenAsync(admin), json: json);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
