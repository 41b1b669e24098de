using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

public sealed class AdminCommandTests : IDisposable, IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));

    public AdminCommandTests() => Directory.CreateDirectory(_dir);

    private string Data => Path.Combine(_dir, "data");

    /// <summary>Every test starts from a store made as an operator makes one (only serve and db migrate create one).</summary>
    public async Task InitializeAsync() => Assert.Equal(0, (await Cli.RunAsync(_dir, "db", "migrate", "--data", Data)).ExitCode);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreateMspCustomerCredential_PrintTheJsonContract()
    {
        var msp = await Cli.JsonAsync(_dir, "msps", "create", "--name", "Acme MSP", "--json", "--data", Data);
        Assert.Equal(["id", "name", "cloud"], msp.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Acme MSP", msp.GetProperty("name").GetString());
        Assert.Equal("mainline", msp.GetProperty("cloud").GetString());
        var mspId = msp.GetProperty("id").GetString()!;

        var customer = await Cli.JsonAsync(_dir, "customers", "create", "--name", "Globex", "--msp", mspId, "--json", "--data", Data);
        Assert.Equal(["id", "customerName", "cloud", "mspId"], customer.EnumerateObject().Select(p => p.Name));
        Assert.True(Guid.TryParse(customer.GetProperty("id").GetString(), out _));
        Assert.Equal(mspId, customer.GetProperty("mspId").GetString());

        var standalone = await Cli.JsonAsync(_dir, "customers", "create", "--name", "Solo", "--cloud", "govcloud", "--json", "--data", Data);
        Assert.Equal(JsonValueKind.Null, standalone.GetProperty("mspId").ValueKind);
        Assert.Equal("govcloud", standalone.GetProperty("cloud").GetString());

        var credential = await Cli.JsonAsync(_dir, "credentials", "create", "--customer", customer.GetProperty("id").GetString()!, "--name", "ci", "--scope", "read", "--allow", "10.0.0.0/8", "--allow", "192.168.0.0/16", "--json", "--data", Data);
        Assert.Equal(24, Convert.FromBase64String(credential.GetProperty("clientId").GetString()!).Length);
        Assert.Equal(32, Convert.FromBase64String(credential.GetProperty("secretKey").GetString()!).Length);
        Assert.Equal("ci", credential.GetProperty("name").GetString());
        Assert.Equal(["read"], credential.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        var all = await Cli.JsonAsync(_dir, "credentials", "create", "--msp", mspId, "--name", "all", "--json", "--data", Data);
        Assert.Equal(["read", "write"], all.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        var list = await Cli.JsonAsync(_dir, "credentials", "list", "--json", "--data", Data);
        var listed = list.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == credential.GetProperty("clientId").GetString());
        Assert.Equal(["10.0.0.0/8", "192.168.0.0/16"], listed.GetProperty("allow").EnumerateArray().Select(s => s.GetString()));
        Assert.False(listed.TryGetProperty("secretKey", out _));
        Assert.DoesNotContain(credential.GetProperty("secretKey").GetString()!, list.GetRawText(), StringComparison.Ordinal);

        var table = await Cli.RunAsync(_dir, "credentials", "list", "--data", Data);
        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith("CLIENT ID", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, table.Stdout.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task RotateAndRevoke_ChangeTheStoredCredential()
    {
        var customer = await Cli.JsonAsync(_dir, "customers", "create", "--name", "C", "--json", "--data", Data);
        var credential = await Cli.JsonAsync(_dir, "credentials", "create", "--customer", customer.GetProperty("id").GetString()!, "--name", "n", "--json", "--data", Data);
        var clientId = credential.GetProperty("clientId").GetString()!;

        var rotated = await Cli.JsonAsync(_dir, "credentials", "rotate", clientId, "--json", "--data", Data);
        var revoked = await Cli.JsonAsync(_dir, "credentials", "revoke", clientId, "--json", "--data", Data);
        var again = await Cli.RunAsync(_dir, "credentials", "rotate", clientId, "--data", Data);

        Assert.NotEqual(credential.GetProperty("secretKey").GetString(), rotated.GetProperty("secretKey").GetString());
        Assert.Equal(clientId, rotated.GetProperty("clientId").GetString());
        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("revoked", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyedCredential_HasNoSecret_AndItsKeysAreAddedAndRemoved()
    {
        using var first = TestKey.Ec();
        using var next = TestKey.Rsa();
        Directory.CreateDirectory(_dir);
        var firstFile = Path.Combine(_dir, "first.jwk");
        var nextFile = Path.Combine(_dir, "next.pem");
        var privateFile = Path.Combine(_dir, "private.pem");
        await File.WriteAllTextAsync(firstFile, first.PublicJwk("one").ToJsonString());
        await File.WriteAllTextAsync(nextFile, next.PublicPem());
        await File.WriteAllTextAsync(privateFile, next.PrivatePem());
        var customer = await Cli.JsonAsync(_dir, "customers", "create", "--name", "C", "--json", "--data", Data);
        var customerId = customer.GetProperty("id").GetString()!;

        var created = await Cli.JsonAsync(_dir, "credentials", "create", "--customer", customerId, "--name", "keyed", "--jwk", firstFile, "--require-dpop", "--json", "--data", Data);
        var clientId = created.GetProperty("clientId").GetString()!;
        Assert.Equal(JsonValueKind.Null, created.GetProperty("secretKey").ValueKind);
        Assert.Equal(["one"], created.GetProperty("keyIds").EnumerateArray().Select(k => k.GetString()));
        Assert.True(created.GetProperty("requireDpop").GetBoolean());

        var added = await Cli.JsonAsync(_dir, "credentials", "add-key", clientId, "--jwk", nextFile, "--json", "--data", Data);
        Assert.Equal(["one", next.Thumbprint], added.GetProperty("keyIds").EnumerateArray().Select(k => k.GetString()));
        var table = await Cli.RunAsync(_dir, "credentials", "remove-key", clientId, "one", "--data", Data);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains(next.Thumbprint, table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("one", table.Stdout.Split('\n').Skip(1).FirstOrDefault() ?? string.Empty, StringComparison.Ordinal);

        // The last key of a credential without a secret stays; a private key is never registered; a bad file is named.
        var last = await Cli.RunAsync(_dir, "credentials", "remove-key", clientId, next.Thumbprint, "--data", Data);
        Assert.Equal(1, last.ExitCode);
        Assert.Contains("only key", last.Stderr, StringComparison.Ordinal);
        var privateKey = await Cli.RunAsync(_dir, "credentials", "add-key", clientId, "--jwk", privateFile, "--data", Data);
        Assert.Equal(2, privateKey.ExitCode);
        Assert.Contains("private key", privateKey.Stderr, StringComparison.Ordinal);
        var withSecret = await Cli.JsonAsync(_dir, "credentials", "create", "--customer", customerId, "--name", "both", "--jwk", firstFile, "--with-secret", "--json", "--data", Data);
        Assert.NotEqual(JsonValueKind.Null, withSecret.GetProperty("secretKey").ValueKind);
        var listed = await Cli.JsonAsync(_dir, "credentials", "list", "--json", "--data", Data);
        Assert.False(listed.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == clientId).GetProperty("hasSecret").GetBoolean());
    }

    [Fact]
    public async Task KeysRotateAndList_WithoutCloud_CoverEveryCloud()
    {
        var rotated = await Cli.JsonAsync(_dir, "keys", "rotate", "--json", "--data", Data);
        Assert.Equal(["mainline", "govcloud", "govapis"], rotated.EnumerateArray().Select(k => k.GetProperty("cloud").GetString()));

        var again = await Cli.JsonAsync(_dir, "keys", "rotate", "--cloud", "govapis", "--json", "--data", Data);
        var list = await Cli.JsonAsync(_dir, "keys", "list", "--cloud", "govapis", "--json", "--data", Data);

        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal(["retired", "active"], list.EnumerateArray().Select(k => k.GetProperty("state").GetString()));
        Assert.Equal(again[0].GetProperty("kid").GetString(), list[1].GetProperty("kid").GetString());
        Assert.Equal("ES256", list[1].GetProperty("algorithm").GetString());
    }

    public static TheoryData<string, string[], int, string> Failures => new()
    {
        { "unknown customer", ["credentials", "create", "--customer", "nope", "--name", "x"], 1, "No customer" },
        { "both owners", ["credentials", "create", "--customer", "a", "--msp", "b", "--name", "x"], 2, "exactly one" },
        { "bad scope", ["credentials", "create", "--customer", "a", "--name", "x", "--scope", "admin"], 2, "--scope" },
        { "bad cloud", ["msps", "create", "--name", "x", "--cloud", "Not A Cloud"], 2, "--cloud" },
        { "missing name", ["msps", "create"], 2, "--name" },
        { "unknown command", ["frobnicate"], 2, "frobnicate" },
        { "unknown credential", ["credentials", "revoke", "nobody"], 1, "No credential" },
        { "bad listen", ["serve", "--listen", "mainline"], 2, "--listen" },
        { "bad store", ["msps", "create", "--name", "x", "--store", "oracle"], 2, "--store" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task BadCommands_ExitNonZero_WithOneLineOnStderr(string name, string[] args, int exitCode, string message)
    {
        _ = name;
        var result = await Cli.RunAsync(_dir, [.. args, "--data", Data]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
