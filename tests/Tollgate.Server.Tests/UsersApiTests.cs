using System.Net;
using System.Text.Json;
using Tollgate.Core.Credentials;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

public sealed class UsersApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Users = "insync/usermanagement/v1/users";

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Users_CreateGetPatchDelete_RoundTrips()
    {
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());

        using var created = await Host.CallAsync(HttpMethod.Post, Users, token, json: """{"userName":"Ada Lovelace","emailID":"Ada@Example.com","quota":5}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = user.GetProperty("userID").GetInt64();
        Assert.Equal("ada@example.com", user.GetProperty("emailID").GetString());
        Assert.Equal(5L << 30, user.GetProperty("quotaInBytes").GetInt64());
        Assert.Equal("active", user.GetProperty("status").GetString());

        using var got = await Host.CallAsync(HttpMethod.Get, $"{Users}/{id}", token);
        Assert.Equal("Ada Lovelace", JsonDocument.Parse(await got.Content.ReadAsStringAsync()).RootElement.GetProperty("userName").GetString());

        using var patched = await Host.CallAsync(HttpMethod.Patch, $"{Users}/{id}", token, json: """{"status":"preserved","userName":"Ada King"}""");
        var after = JsonDocument.Parse(await patched.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("preserved", after.GetProperty("status").GetString());
        Assert.Equal("Ada King", after.GetProperty("userName").GetString());
        Assert.Equal("ada@example.com", after.GetProperty("emailID").GetString());

        using var deleted = await Host.CallAsync(HttpMethod.Delete, $"{Users}/{id}", token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Host.CallAsync(HttpMethod.Get, $"{Users}/{id}", token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("NotFound", JsonDocument.Parse(await gone.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Users_List_PagesWithNextPageTokenAndFilters()
    {
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());
        for (var i = 0; i < 5; i++)
        {
            using var r = await Host.CallAsync(HttpMethod.Post, Users, token, json: $$"""{"userName":"User {{i}}","emailID":"user{{i}}@example.com"}""");
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        var seen = new List<string>();
        string? pageToken = null;
        var pages = 0;
        do
        {
            // The first request sets the page size; the others follow nextPageToken alone, as most clients do.
            using var response = await Host.CallAsync(HttpMethod.Get, pageToken is null ? $"{Users}?pageSize=2" : $"{Users}?pageToken={pageToken}", token);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(5, page.GetProperty("totalSize").GetInt32());
            seen.AddRange(page.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("emailID").GetString()!));
            pageToken = page.GetProperty("nextPageToken").GetString();
            pages++;
        }
        while (!string.IsNullOrEmpty(pageToken));

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"user{i}@example.com"), seen);

        using var filtered = await Host.CallAsync(HttpMethod.Get, $"{Users}?emailID=USER3@example.com", token);
        var only = JsonDocument.Parse(await filtered.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, only.GetProperty("totalSize").GetInt32());
        Assert.Equal("User 3", only.GetProperty("users")[0].GetProperty("userName").GetString());
    }

    [Theory]
    [InlineData("50:not-a-number")]
    [InlineData("50:-1")]
    [InlineData("50:99999999999999999999999")]
    [InlineData("0:1")]
    [InlineData("x:1")]
    public async Task Users_ForgedPageToken_WithTheRightFingerprint_Returns400_Never500(string key)
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        var token = await Host.GetTokenAsync(credential);
        // The fingerprint is computed from public data (the list and its filters), so anyone can forge one.
        var forged = Core.Paging.PageToken.Create(key, string.Join('\n', "users", credential.OwnerId, null, null));

        using var response = await Host.CallAsync(HttpMethod.Get, $"{Users}?pageToken={forged}", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequest", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Users_PageTokenWithOtherFilters_Returns400()
    {
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());
        for (var i = 0; i < 3; i++)
        {
            (await Host.CallAsync(HttpMethod.Post, Users, token, json: $$"""{"userName":"U{{i}}","emailID":"u{{i}}@example.com"}""")).Dispose();
        }

        using var first = await Host.CallAsync(HttpMethod.Get, $"{Users}?pageSize=1", token);
        var next = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("nextPageToken").GetString();

        using var response = await Host.CallAsync(HttpMethod.Get, $"{Users}?pageSize=1&status=blocked&pageToken={next}", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequest", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Users_OfAnotherCustomer_Return404AndStayHidden()
    {
        var tokenA = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());
        var tokenB = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());
        using var created = await Host.CallAsync(HttpMethod.Post, Users, tokenB, json: """{"userName":"B","emailID":"b@example.com"}""");
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("userID").GetInt64();

        using var get = await Host.CallAsync(HttpMethod.Get, $"{Users}/{id}", tokenA);
        using var patch = await Host.CallAsync(HttpMethod.Patch, $"{Users}/{id}", tokenA, json: """{"userName":"mine"}""");
        using var delete = await Host.CallAsync(HttpMethod.Delete, $"{Users}/{id}", tokenA);
        using var list = await Host.CallAsync(HttpMethod.Get, Users, tokenA);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("totalSize").GetInt32());
        using var still = await Host.CallAsync(HttpMethod.Get, $"{Users}/{id}", tokenB);
        Assert.Equal("B", JsonDocument.Parse(await still.Content.ReadAsStringAsync()).RootElement.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Users_WithReadOnlyToken_WriteReturns403InsufficientScope()
    {
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync(), scope: "read");

        using var read = await Host.CallAsync(HttpMethod.Get, Users, token);
        using var write = await Host.CallAsync(HttpMethod.Post, Users, token, json: """{"userName":"x","emailID":"x@example.com"}""");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        var challenge = Assert.Single(write.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("scope=\"write\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_WithWriteOnlyCredential_ReadReturns403()
    {
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync(scopes: ScopeSet.Write));

        using var read = await Host.CallAsync(HttpMethod.Get, Users, token);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Contains("scope=\"read\"", Assert.Single(read.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_WithMspToken_Returns403()
    {
        var token = await Host.GetTokenAsync(await Host.CreateMspCredentialAsync(), path: "msp/auth/v1/token");

        using var response = await Host.CallAsync(HttpMethod.Get, Users, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Forbidden", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    public static TheoryData<string, string, string?, string, int, string> BadBodies => new()
    {
        { "missing emailID", "POST", """{"userName":"x"}""", "application/json", 400, "InvalidRequest" },
        { "bad email", "POST", """{"userName":"x","emailID":"not an email"}""", "application/json", 400, "InvalidRequest" },
        { "not JSON", "POST", "{{{", "application/json", 400, "InvalidRequest" },
        { "JSON array", "POST", "[1,2]", "application/json", 400, "InvalidRequest" },
        { "wrong type", "POST", """{"userName":5,"emailID":"a@b.c"}""", "application/json", 400, "InvalidRequest" },
        { "null body", "POST", "null", "application/json", 400, "InvalidRequest" },
        { "form body", "POST", "userName=x", "application/x-www-form-urlencoded", 415, "UnsupportedMediaType" },
        { "huge body", "POST", "{\"userName\":\"" + new string('x', 100_000) + "\"}", "application/json", 413, "PayloadTooLarge" },
        { "negative quota", "POST", """{"userName":"x","emailID":"q@example.com","quota":-1}""", "application/json", 400, "InvalidRequest" },
        { "unknown status", "POST", """{"userName":"x","emailID":"s@example.com","status":"zombie"}""", "application/json", 400, "InvalidRequest" },
        { "pageSize zero", "GET", null, "", 400, "InvalidRequest" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Users_WithBadInput_Returns4xxWithCode(string name, string method, string? body, string contentType, int status, string code)
    {
        _ = name;
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());
        var request = new HttpRequestMessage(new HttpMethod(method), method == "GET" ? Users + "?pageSize=0" : Users);
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.ContentType = new(contentType);
        }

        using var response = await Host.Client().SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Users_WithDuplicateEmail_Returns409()
    {
        var token = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());
        (await Host.CallAsync(HttpMethod.Post, Users, token, json: """{"userName":"a","emailID":"dup@example.com"}""")).Dispose();

        using var response = await Host.CallAsync(HttpMethod.Post, Users, token, json: """{"userName":"b","emailID":"DUP@example.com"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_Returns404Json()
    {
        using var response = await Host.Client().GetAsync("no/such/thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
