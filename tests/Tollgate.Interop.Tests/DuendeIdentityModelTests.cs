using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Testing;

namespace Tollgate.Interop.Tests;

/// <summary>Duende.IdentityModel (NuGet), the usual .NET OAuth client library, requesting tokens from Tollgate.</summary>
public sealed class DuendeIdentityModelTests
{
    [Theory]
    [InlineData(ClientCredentialStyle.AuthorizationHeader, BasicAuthenticationHeaderStyle.Rfc6749)]
    [InlineData(ClientCredentialStyle.AuthorizationHeader, BasicAuthenticationHeaderStyle.Rfc2617)]
    [InlineData(ClientCredentialStyle.PostBody, BasicAuthenticationHeaderStyle.Rfc6749)]
    public async Task ClientCredentialsTokenRequest_Succeeds(ClientCredentialStyle style, BasicAuthenticationHeaderStyle header)
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();
        var discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = host.Mainline,
            Policy = { RequireHttps = false, DiscoveryDocumentPath = ".well-known/oauth-authorization-server" },
        });
        Assert.False(discovery.IsError, discovery.Error);

        var response = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = credential.ClientId,
            ClientSecret = credential.Secret,
            ClientCredentialStyle = style,
            AuthorizationHeaderStyle = header,
            Scope = "read",
        });

        Assert.False(response.IsError, response.Error + " " + response.ErrorDescription);
        Assert.Equal("bearer", response.TokenType);
        Assert.Equal(1800, response.ExpiresIn);
        Assert.Equal(credential.ClientId, new JsonWebToken(response.AccessToken).GetPayloadValue<string>("client_id"));
    }

    [Fact]
    public async Task WrongSecret_IsAnInvalidClientError()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        using var http = new HttpClient();

        var response = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = host.Mainline + "/token",
            ClientId = credential.ClientId,
            ClientSecret = "wrong",
        });

        // RFC 6749 §5.2: invalid_client is a 401; Duende reports non-400 refusals as HTTP errors, body intact.
        Assert.True(response.IsError);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.HttpStatusCode);
        Assert.Contains("\"error\":\"invalid_client\"", response.Raw, StringComparison.Ordinal);
    }
}
