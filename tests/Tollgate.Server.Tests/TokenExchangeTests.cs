using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>RFC 8693 token exchange at /token: an MSP token for a customer token.</summary>
public sealed class TokenExchangeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Exchange = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange";
    private const string AccessTokenType = "urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token";

    private TestHost Host => fixture.Host;

    [Theory]
    [InlineData("resource", false)]
    [InlineData("audience", true)]
    public async Task Exchange_MspTokenForCustomerToken_SameResultAsTheDruvaRoute(string parameter, bool authenticate)
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(1);
        var mspToken = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");

        using var response = await Host.PostFormAsync(
            "token",
            $"{Exchange}&subject_token={mspToken}&subject_token_type={AccessTokenType}&{parameter}={customers[0]}",
            basic: authenticate ? msp : null);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("urn:ietf:params:oauth:token-type:access_token", body.GetProperty("issued_token_type").GetString());
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal(customers[0], jwt.GetPayloadValue<string>("customerId"));
        Assert.Equal(msp.OwnerId, jwt.GetPayloadValue<JsonElement>("act").GetProperty("mspId").GetString());
        var routeToken = new JsonWebToken(await Host.GetCustomerTokenAsync(msp, customers[0]));
        Assert.Equal(routeToken.GetPayloadValue<string>("scope"), jwt.GetPayloadValue<string>("scope"));
        Assert.Equal(routeToken.GetPayloadValue<JsonElement>("act").GetRawText(), jwt.GetPayloadValue<JsonElement>("act").GetRawText());
        using var call = await Host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", body.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task Exchange_CanNarrowScopeButNotWiden()
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(1);
        var readOnly = await Host.GetTokenAsync(msp, scope: "read", path: "msp/auth/v1/token");
        var full = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");

        using var narrowed = await Host.PostFormAsync("token", $"{Exchange}&subject_token={full}&subject_token_type={AccessTokenType}&resource={customers[0]}&scope=read");
        using var widened = await Host.PostFormAsync("token", $"{Exchange}&subject_token={readOnly}&subject_token_type={AccessTokenType}&resource={customers[0]}&scope=write");

        Assert.Equal("read", JsonDocument.Parse(await narrowed.Content.ReadAsStringAsync()).RootElement.GetProperty("scope").GetString());
        Assert.Equal("invalid_scope", JsonDocument.Parse(await widened.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    public static TheoryData<string, int, string> Failures => new()
    {
        { "no subject_token", 400, "invalid_request" },
        { "wrong subject_token_type", 400, "invalid_request" },
        { "no resource", 400, "invalid_request" },
        { "resource and audience differ", 400, "invalid_request" },
        { "jwt requested_token_type", 400, "invalid_request" },
        { "garbage subject", 400, "invalid_grant" },
        { "customer token as subject", 400, "invalid_grant" },
        { "subject of another cloud", 400, "invalid_grant" },
        { "another MSP's credential", 400, "invalid_grant" },
        { "customer credential", 400, "unauthorized_client" },
        { "wrong secret", 401, "invalid_client" },
        { "unmanaged customer", 400, "invalid_target" },
        { "at the MSP endpoint", 400, "unsupported_grant_type" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Exchange_BadRequests_GetRfc8693Errors(string kind, int status, string error)
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(1);
        var (otherMsp, theirs) = await Host.CreateMspWithCustomersAsync(1);
        var customerCredential = await Host.CreateCustomerCredentialAsync();
        var mspToken = await Host.GetTokenAsync(msp, path: "msp/auth/v1/token");
        var good = $"{Exchange}&subject_token={mspToken}&subject_token_type={AccessTokenType}&resource={customers[0]}";
        var (path, form, basic) = kind switch
        {
            "no subject_token" => ("token", $"{Exchange}&subject_token_type={AccessTokenType}&resource={customers[0]}", null),
            "wrong subject_token_type" => ("token", $"{Exchange}&subject_token={mspToken}&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aid_token&resource={customers[0]}", null),
            "no resource" => ("token", $"{Exchange}&subject_token={mspToken}&subject_token_type={AccessTokenType}", null),
            "resource and audience differ" => ("token", good + $"&audience={theirs[0]}", null),
            "jwt requested_token_type" => ("token", good + "&requested_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt", null),
            "garbage subject" => ("token", $"{Exchange}&subject_token=abc.def.ghi&subject_token_type={AccessTokenType}&resource={customers[0]}", null),
            "customer token as subject" => ("token", $"{Exchange}&subject_token={await Host.GetCustomerTokenAsync(msp, customers[0])}&subject_token_type={AccessTokenType}&resource={customers[0]}", null),
            "subject of another cloud" => ("token", $"{Exchange}&subject_token={await Host.GetTokenAsync(await Host.CreateMspCredentialAsync("govcloud"), path: "msp/auth/v1/token")}&subject_token_type={AccessTokenType}&resource={customers[0]}", null),
            "another MSP's credential" => ("token", good, otherMsp),
            "customer credential" => ("token", good, customerCredential),
            "wrong secret" => ("token", good, msp with { Secret = "wrong" }),
            "unmanaged customer" => ("token", $"{Exchange}&subject_token={mspToken}&subject_token_type={AccessTokenType}&resource={theirs[0]}", null),
            "at the MSP endpoint" => ("msp/auth/v1/token", good, msp),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await Host.PostFormAsync(path, form, basic: basic);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(error, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }
}
