using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

public sealed class MspTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Users = "insync/usermanagement/v1/users";
    private const string Customers = "msp/v3/customers";

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Customers_ListPagesOverSeveralPages_AndShowsOnlyTheMspsOwn()
    {
        var (msp, mine) = await Host.CreateMspWithCustomersAsync(5);
        await Host.CreateMspWithCustomersAsync(2);
        await Host.CreateCustomerCredentialAsync(); // a customer of no MSP
        var token = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            using var response = await Host.CallAsync(HttpMethod.Get, $"{Customers}?pageSize=2" + (next is null ? "" : $"&pageToken={next}"), token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            seen.AddRange(page.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            next = page.GetProperty("nextPageToken").GetString();
            pages++;
        }
        while (!string.IsNullOrEmpty(next));

        Assert.Equal(3, pages);
        Assert.Equal(mine.Order(StringComparer.Ordinal), seen);

        using var legacy = await Host.CallAsync(HttpMethod.Get, "msp/mspservice/v1/customers", token);
        var all = JsonDocument.Parse(await legacy.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(mine.Order(StringComparer.Ordinal), all.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("", all.GetProperty("nextPageToken").GetString());
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("pageSize=ten")]
    [InlineData("pageToken=garbage")]
    public async Task Customers_BadPaging_Returns400(string query)
    {
        var (msp, _) = await Host.CreateMspWithCustomersAsync(3);
        var token = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        using var first = await Host.CallAsync(HttpMethod.Get, $"{Customers}?pageSize=1", token);
        var next = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("nextPageToken").GetString();

        using var response = await Host.CallAsync(HttpMethod.Get, $"{Customers}?{query.Replace("{next}", next, StringComparison.Ordinal)}", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequest", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Customers_PageTokenAlone_ContinuesWithItsPageSize_AnotherMspsTokenIs400()
    {
        var (msp, mine) = await Host.CreateMspWithCustomersAsync(5);
        var (other, _) = await Host.CreateMspWithCustomersAsync(3);
        var token = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        var otherToken = await Host.GetTokenAsync(other, path: "msp/auth/v1/token");
        using var first = await Host.CallAsync(HttpMethod.Get, $"{Customers}?pageSize=2", token);
        var next = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("nextPageToken").GetString()!;

        // The way most clients page: follow nextPageToken alone; the page size stays what it was.
        using var second = await Host.CallAsync(HttpMethod.Get, $"{Customers}?pageToken={next}", token);
        using var resized = await Host.CallAsync(HttpMethod.Get, $"{Customers}?pageToken={next}&pageSize=3", token);
        using var foreign = await Host.CallAsync(HttpMethod.Get, $"{Customers}?pageToken={next}", otherToken);

        var page = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(mine.Order(StringComparer.Ordinal).Skip(2).Take(2), page.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.NotEqual("", page.GetProperty("nextPageToken").GetString());
        Assert.Equal(3, JsonDocument.Parse(await resized.Content.ReadAsStringAsync()).RootElement.GetProperty("customers").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode); // a real contradiction: another list's token
    }

    [Fact]
    public async Task Customers_GetOwn_Returns200_OthersAndUnknown_Return404()
    {
        var (msp, mine) = await Host.CreateMspWithCustomersAsync(1);
        var (_, theirs) = await Host.CreateMspWithCustomersAsync(1);
        var token = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");

        using var own = await Host.CallAsync(HttpMethod.Get, $"{Customers}/{mine[0]}", token);
        using var other = await Host.CallAsync(HttpMethod.Get, $"{Customers}/{theirs[0]}", token);
        using var unknown = await Host.CallAsync(HttpMethod.Get, $"{Customers}/{Guid.NewGuid()}", token);

        var customer = JsonDocument.Parse(await own.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(mine[0], customer.GetProperty("id").GetString());
        Assert.Equal(1, customer.GetProperty("status").GetInt32());
        Assert.Equal(0, customer.GetProperty("cloud").GetInt32());
        Assert.Equal("Customer 0", customer.GetProperty("customerName").GetString());
        Assert.Equal(JsonValueKind.Array, customer.GetProperty("features").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Customers_Create_Returns201_AndTheNewCustomerGetsATokenAtOnce()
    {
        var (msp, _) = await Host.CreateMspWithCustomersAsync(0);
        var token = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");

        using var created = await Host.CallAsync(HttpMethod.Post, Customers, token, json: """{"customerName":"Initech","accountName":"initech","address":"1 Main St","phone":"+1 555 0100"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("initech", customer.GetProperty("accountName").GetString());
        Assert.Equal("+1 555 0100", customer.GetProperty("phone").GetString());
        var id = customer.GetProperty("id").GetString()!;
        var customerToken = await Host.GetCustomerTokenAsync(msp, id);
        Assert.Equal(id, new JsonWebToken(customerToken).GetPayloadValue<string>("customerId"));

        using var missing = await Host.CallAsync(HttpMethod.Post, Customers, token, json: """{"phone":"1"}""");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using var readOnly = await Host.CallAsync(HttpMethod.Post, Customers, await Host.GetTokenAsync(msp, scope: "read", path: "msp/auth/v1/token"), json: """{"customerName":"x"}""");
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
    }

    [Fact]
    public async Task CustomerToken_CarriesActor_AndReadsOnlyThatCustomersData()
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(2);
        var mspToken = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");

        using var response = await Host.PostFormAsync($"msp/v2/customers/{customers[0]}/token", "grant_type=client_credentials", bearer: mspToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        var tokenA = body.GetProperty("access_token").GetString()!;
        var jwt = new JsonWebToken(tokenA);
        Assert.Equal(customers[0], jwt.GetPayloadValue<string>("customerId"));
        var act = jwt.GetPayloadValue<JsonElement>("act");
        Assert.Equal(msp.ClientId, act.GetProperty("sub").GetString());
        Assert.Equal(msp.OwnerId, act.GetProperty("mspId").GetString());

        var tokenB = await Host.GetCustomerTokenAsync(msp, customers[1]);
        using var createdB = await Host.CallAsync(HttpMethod.Post, Users, tokenB, json: """{"userName":"Bea","emailID":"bea@b.example"}""");
        var userB = JsonDocument.Parse(await createdB.Content.ReadAsStringAsync()).RootElement.GetProperty("userID").GetInt64();

        using var ownList = await Host.CallAsync(HttpMethod.Get, Users, tokenA);
        using var crossRead = await Host.CallAsync(HttpMethod.Get, $"{Users}/{userB}", tokenA);
        Assert.Equal(HttpStatusCode.OK, ownList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossRead.StatusCode);
    }

    [Fact]
    public async Task CustomerToken_UnknownAndUnmanagedCustomer_Give404_Indistinguishably()
    {
        var (msp, _) = await Host.CreateMspWithCustomersAsync(1);
        var (_, theirs) = await Host.CreateMspWithCustomersAsync(1);
        var standalone = await Host.CreateCustomerCredentialAsync();
        var mspToken = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");

        using var unknown = await Host.PostFormAsync($"msp/v2/customers/{Guid.NewGuid()}/token", "grant_type=client_credentials", bearer: mspToken);
        using var otherMsps = await Host.PostFormAsync($"msp/v2/customers/{theirs[0]}/token", "grant_type=client_credentials", bearer: mspToken);
        using var unmanaged = await Host.PostFormAsync($"msp/v2/customers/{standalone.OwnerId}/token", "grant_type=client_credentials", bearer: mspToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var body = await unknown.Content.ReadAsStringAsync();
        Assert.Equal("""{"code":"NotFound","message":"No such customer."}""", body);
        Assert.Equal((otherMsps.StatusCode, body), (HttpStatusCode.NotFound, await otherMsps.Content.ReadAsStringAsync()));
        Assert.Equal((unmanaged.StatusCode, body), (HttpStatusCode.NotFound, await unmanaged.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task CustomerToken_CannotBeMintedWithACustomerToken_OrWithoutBearer_OrWrongGrant()
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(1);
        var customerToken = await Host.GetCustomerTokenAsync(msp, customers[0]);
        var ownToken = await Host.GetTokenAsync(await Host.CreateCustomerCredentialAsync());
        var mspToken = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        var path = $"msp/v2/customers/{customers[0]}/token";

        using var withCustomerToken = await Host.PostFormAsync(path, "grant_type=client_credentials", bearer: customerToken);
        using var withOwnToken = await Host.PostFormAsync(path, "grant_type=client_credentials", bearer: ownToken);
        using var withoutBearer = await Host.PostFormAsync(path, "grant_type=client_credentials", basic: msp);
        using var wrongGrant = await Host.PostFormAsync(path, "grant_type=password", bearer: mspToken);
        using var noGrant = await Host.PostFormAsync(path, "", bearer: mspToken);

        Assert.Equal(HttpStatusCode.Forbidden, withCustomerToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withOwnToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutBearer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongGrant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noGrant.StatusCode);
        Assert.Equal("InvalidRequest", JsonDocument.Parse(await noGrant.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RevokedMspCredential_LosesItsTokensAndTheCustomerTokensItMinted()
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(1);
        var mspToken = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        var customerToken = await Host.GetCustomerTokenAsync(msp, customers[0]);

        await Host.Admin.RevokeCredentialAsync(msp.ClientId);

        await Wait.UntilAsync(async () =>
        {
            using var mint = await Host.PostFormAsync($"msp/v2/customers/{customers[0]}/token", "grant_type=client_credentials", bearer: mspToken);
            using var use = await Host.CallAsync(HttpMethod.Get, Users, customerToken);
            return mint.StatusCode == HttpStatusCode.Unauthorized && use.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task TokensOfTheWrongKind_AreForbiddenOnEachOthersApis_AndOtherCloudsDeny()
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(1);
        var customerToken = await Host.GetCustomerTokenAsync(msp, customers[0]);
        var mspToken = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");

        using var customerOnMsp = await Host.CallAsync(HttpMethod.Get, Customers, customerToken);
        using var mspOnUsers = await Host.CallAsync(HttpMethod.Get, Users, mspToken);
        using var crossCloud = await Host.CallAsync(HttpMethod.Get, Users, customerToken, cloud: "govcloud");
        using var crossCloudMsp = await Host.CallAsync(HttpMethod.Get, Customers, mspToken, cloud: "govapis");

        Assert.Equal(HttpStatusCode.Forbidden, customerOnMsp.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, mspOnUsers.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossCloud.StatusCode);
        Assert.Equal("4294971402", JsonDocument.Parse(await crossCloud.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal("4294971402", JsonDocument.Parse(await crossCloudMsp.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
    }
}
