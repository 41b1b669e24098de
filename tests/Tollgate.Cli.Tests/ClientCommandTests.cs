using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary><c>tollgate token</c>, <c>call</c> and <c>customer-token</c> against a running server.</summary>
public sealed class ClientCommandTests(ClientCommandTests.ServerFixture fixture) : IClassFixture<ClientCommandTests.ServerFixture>
{
    private TestHost Host => fixture.Host;

    private string Dir => Path.GetTempPath();

    [Fact]
    public async Task Token_WithCredentialsFromTheEnvironment_PrintsTokenJson()
    {
        var credential = await Host.CreateCustomerCredentialAsync();

        var result = await Cli.RunAsync(Dir, Env(credential), "token", "--scope", "read");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var token = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("bearer", token.GetProperty("token_type").GetString());
        Assert.Equal("read", token.GetProperty("scope").GetString());
        Assert.InRange(token.GetProperty("expires_in").GetInt32(), 1700, 1800);
        Assert.Equal(credential.ClientId, new JsonWebToken(token.GetProperty("access_token").GetString()).GetPayloadValue<string>("client_id"));
    }

    [Fact]
    public async Task Call_GetsAndPosts_WithFlagsForTheCredential()
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        string[] auth = ["--cloud", Host.Mainline, "--client-id", credential.ClientId, "--secret-key", credential.Secret];

        var created = await Cli.RunAsync(Dir, ["call", "POST", "/insync/usermanagement/v1/users", "--body", """{"userName":"Ada","emailID":"ada@example.com"}""", .. auth]);
        var listed = await Cli.RunAsync(Dir, ["call", "GET", "/insync/usermanagement/v1/users", .. auth]);
        var refused = await Cli.RunAsync(Dir, ["call", "DELETE", "/insync/usermanagement/v1/users/1", "--scope", "read", .. auth]);

        Assert.True(created.ExitCode == 0, created.Stderr);
        Assert.Equal("ada@example.com", JsonDocument.Parse(created.Stdout).RootElement.GetProperty("emailID").GetString());
        Assert.Equal(1, JsonDocument.Parse(listed.Stdout).RootElement.GetProperty("totalSize").GetInt32());
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("tollgate: HTTP 403", Assert.Single(refused.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithAKeyFile_AndDpop_GetsABoundToken_WithoutAnySecret()
    {
        using var key = TestKey.Ec();
        var credential = await Host.CreateKeyCredentialAsync(key, requireDpop: true);
        var keyFile = Path.Combine(Dir, "tollgate-key-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(keyFile, key.PrivatePem());
        try
        {
            string[] auth = ["--cloud", Host.Mainline, "--client-id", credential.ClientId, "--key", keyFile];
            var bound = await Cli.RunAsync(Dir, ["token", "--dpop", .. auth]);
            var call = await Cli.RunAsync(Dir, ["call", "GET", "/insync/usermanagement/v1/users", "--dpop", .. auth]);
            var bearer = await Cli.RunAsync(Dir, ["token", .. auth]);

            Assert.True(bound.ExitCode == 0, bound.Stderr);
            var token = JsonDocument.Parse(bound.Stdout).RootElement;
            Assert.Equal("DPoP", token.GetProperty("token_type").GetString());
            var jwt = new JsonWebToken(token.GetProperty("access_token").GetString());
            Assert.Equal(credential.ClientId, jwt.GetPayloadValue<string>("client_id"));
            Assert.True(jwt.TryGetPayloadValue<JsonElement>("cnf", out var cnf) && cnf.GetProperty("jkt").GetString()!.Length == 43);
            Assert.True(call.ExitCode == 0, call.Stderr);
            Assert.Equal(0, JsonDocument.Parse(call.Stdout).RootElement.GetProperty("totalSize").GetInt32());
            // The credential requires DPoP: without --dpop there is no token for it.
            Assert.Equal(1, bearer.ExitCode);
            Assert.Contains("invalid_dpop_proof", bearer.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task CallForACustomer_WithDpop_UsesABoundCustomerToken()
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(1);

        var token = await Cli.RunAsync(Dir, Env(msp), "customer-token", customers[0], "--dpop");
        var call = await Cli.RunAsync(Dir, Env(msp), "call", "GET", "/insync/usermanagement/v1/users", "--customer", customers[0], "--dpop");

        Assert.True(token.ExitCode == 0, token.Stderr);
        Assert.Equal("DPoP", JsonDocument.Parse(token.Stdout).RootElement.GetProperty("token_type").GetString());
        Assert.True(call.ExitCode == 0, call.Stderr);
    }

    [Fact]
    public async Task CustomerToken_AndCallForACustomer_UseTheMspCredential()
    {
        var (msp, customers) = await Host.CreateMspWithCustomersAsync(1);

        var token = await Cli.RunAsync(Dir, Env(msp), "customer-token", customers[0]);
        var call = await Cli.RunAsync(Dir, Env(msp), "call", "GET", "/insync/usermanagement/v1/users", "--customer", customers[0]);
        var list = await Cli.RunAsync(Dir, Env(msp), "call", "GET", "/msp/v3/customers", "--msp");

        Assert.True(token.ExitCode == 0, token.Stderr);
        Assert.Equal(customers[0], new JsonWebToken(JsonDocument.Parse(token.Stdout).RootElement.GetProperty("access_token").GetString()).GetPayloadValue<string>("customerId"));
        Assert.True(call.ExitCode == 0, call.Stderr);
        Assert.Equal(customers[0], JsonDocument.Parse(list.Stdout).RootElement.GetProperty("customers")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Failures_ExitNonZero_WithOneLine_AndNoSecret()
    {
        var credential = await Host.CreateCustomerCredentialAsync();

        var wrong = await Cli.RunAsync(Dir, Env(credential with { Secret = "wrong-secret" }), "token");
        var missing = await Cli.RunAsync(Dir, new Dictionary<string, string> { ["TOLLGATE_CLOUD"] = Host.Mainline }, "token");
        var badCloud = await Cli.RunAsync(Dir, Env(credential), "token", "--cloud", "mars");
        var unmanaged = await Cli.RunAsync(Dir, Env(await Host.CreateMspCredentialAsync()), "customer-token", credential.OwnerId);

        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("invalid_client", Assert.Single(wrong.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", wrong.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(2, badCloud.ExitCode);
        Assert.Equal(1, unmanaged.ExitCode);
        Assert.Contains("404", unmanaged.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithAnMspCredentialAtTheCustomerEndpoint_SuggestsMsp()
    {
        var msp = await Host.CreateMspCredentialAsync();

        var result = await Cli.RunAsync(Dir, Env(msp), "token");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("unauthorized_client", line, StringComparison.Ordinal);
        Assert.Contains("add --msp", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCommands_WithNoCloudNamed_GoToTheLocalServer_NeverToARemoteHost()
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        var env = Env(credential);
        env["TOLLGATE_CLOUD"] = string.Empty; // set but empty: as if unset

        var result = await Cli.RunAsync(Dir, env, "token", "--client-id", credential.ClientId);

        // Whatever answers on the default local port (most likely nothing here), Druva's hosts were never asked.
        Assert.DoesNotContain("druva.com", result.Stderr + result.Stdout, StringComparison.OrdinalIgnoreCase);
        if (result.ExitCode != 0)
        {
            Assert.Contains("127.0.0.1:5080", result.Stderr, StringComparison.Ordinal);
        }
    }

    private Dictionary<string, string> Env(TestCredential credential) => new()
    {
        ["TOLLGATE_CLOUD"] = Host.Mainline,
        ["TOLLGATE_CLIENT_ID"] = credential.ClientId,
        ["TOLLGATE_SECRET_KEY"] = credential.Secret,
    };

    public sealed class ServerFixture : IAsyncLifetime
    {
        public TestHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await TestHost.StartAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
