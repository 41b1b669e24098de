using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Testing;

namespace Tollgate.Client.Tests;

/// <summary>
/// The SDK without a shared secret and with sender-constrained tokens, against a real server: a private key signs a
/// new client assertion for every token request, DPoP binds tokens to a key of the client, the handler sends a proof
/// with every call and picks up the server's nonce.
/// </summary>
public sealed class KeyAndDpopTests
{
    private const string Users = "insync/usermanagement/v1/users";

    [Fact]
    public async Task AClientAssertionKey_GetsTokens_WithoutASecret_ANewAssertionForEachRequest()
    {
        await using var server = await CountingHost.StartAsync();
        using var key = TestKey.Ec();
        var credential = await server.Host.CreateKeyCredentialAsync(key, kid: "sdk");
        using var http = new HttpClient();
        var tokens = new TollgateTokenClient(http, new TollgateClientOptions
        {
            Cloud = TollgateCloud.FromBaseAddress(server.BaseAddress),
            ClientId = credential.ClientId,
            ClientAssertionKey = key.Key,
            ClientAssertionKeyId = "sdk",
        });

        var all = await tokens.GetTokenAsync();
        var read = await tokens.ForScope("read").GetTokenAsync();

        Assert.Equal(2, server.Count("/token")); // a replayed assertion would have been refused the second time
        Assert.Equal(credential.ClientId, new JsonWebToken(all.Value).GetPayloadValue<string>("client_id"));
        Assert.Equal("read", read.Scope);
        Assert.False(all.IsDpopBound);
    }

    [Fact]
    public async Task UseDpop_BindsTheTokens_AndTheHandlerSendsAProofWithEveryCall()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        var services = new ServiceCollection();
        services.AddHttpClient("api", c => c.BaseAddress = server.BaseAddress)
            .AddTollgateClientCredentials(o =>
            {
                o.Cloud = TollgateCloud.FromBaseAddress(server.BaseAddress);
                o.ClientId = credential.ClientId;
                o.SecretKey = credential.Secret;
                o.UseDpop = true;
            });
        await using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        using (var first = await api.GetAsync(Users))
        using (var second = await api.GetAsync(Users))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        Assert.Equal(1, server.Count("/token"));
        Assert.Equal(2, server.Count("/" + Users));
    }

    [Fact]
    public async Task WithServerNonces_TheClient_PicksUpTheNonce_AndRetriesOnce_ForTokensAndCalls()
    {
        await using var server = await CountingHost.StartAsync(new() { ["Tollgate:Dpop:RequireNonce"] = "true" });
        var (msp, customers) = await server.Host.CreateMspWithCustomersAsync(1);
        using var http = new HttpClient();
        var tokens = new TollgateTokenClient(http, new TollgateClientOptions
        {
            Cloud = TollgateCloud.FromBaseAddress(server.BaseAddress),
            ClientId = msp.ClientId,
            SecretKey = msp.Secret,
            Kind = CredentialKind.Msp,
            UseDpop = true,
        });

        var mspToken = await tokens.GetTokenAsync();
        Assert.True(mspToken.IsDpopBound);
        Assert.Equal(2, server.Count("/msp/auth/v1/token")); // use_dpop_nonce, then the token

        // The MSP's customer token keeps the binding, and calls with it carry proofs with the nonce.
        var customer = tokens.ForCustomer(customers[0]);
        var customerToken = await customer.GetTokenAsync();
        Assert.Equal("DPoP", customerToken.TokenType);
        Assert.Equal(
            new JsonWebToken(mspToken.Value).GetPayloadValue<System.Text.Json.JsonElement>("cnf").GetProperty("jkt").GetString(),
            new JsonWebToken(customerToken.Value).GetPayloadValue<System.Text.Json.JsonElement>("cnf").GetProperty("jkt").GetString());
        using var api = new HttpClient(new TollgateTokenHandler(customer) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = server.BaseAddress };
        using var response = await api.GetAsync(Users);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, server.Count("/" + Users)); // the nonce was already known: no second try
    }

    [Fact]
    public void Options_WithoutASecretOrAKey_AreRefused()
    {
        using var http = new HttpClient();
        var error = Assert.Throws<InvalidOperationException>(() => new TollgateTokenClient(http, new TollgateClientOptions { ClientId = "x" }));
        Assert.Contains("SecretKey (or ClientAssertionKey)", error.Message, StringComparison.Ordinal);
        using var small = System.Security.Cryptography.RSA.Create(1024);
        Assert.Throws<ArgumentException>(() => new TollgateTokenClient(http, new TollgateClientOptions { ClientId = "x", ClientAssertionKey = small }));
    }
}
