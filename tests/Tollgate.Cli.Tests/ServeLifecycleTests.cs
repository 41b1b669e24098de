using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary>
/// <c>tollgate serve</c> as a service manager runs it: SIGTERM writes what the write-behind queues still hold,
/// and <c>--https</c> serves TLS with a self-signed certificate made once in the data folder.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServeLifecycleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tollgate-serve-").FullName;

    private string Data => Path.Combine(_dir, "data");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Sigterm_WritesTheLastUsedTimesAndAuditEventsStillQueued()
    {
        Assert.Equal(0, (await Cli.RunAsync(_dir, "db", "migrate", "--data", Data)).ExitCode);
        var msp = await Cli.JsonAsync(_dir, "msps", "create", "--name", "Flush MSP", "--json", "--data", Data);
        var mspId = msp.GetProperty("id").GetString()!;
        var customer = await Cli.JsonAsync(_dir, "customers", "create", "--name", "Flush Co", "--msp", mspId, "--json", "--data", Data);
        var credential = await Cli.JsonAsync(_dir, "credentials", "create", "--msp", mspId, "--name", "automation", "--json", "--data", Data);
        var clientId = credential.GetProperty("clientId").GetString()!;
        var secret = credential.GetProperty("secretKey").GetString()!;

        // A flush interval far beyond the test: whatever reaches the store was written at the stop.
        await using (var server = await ServerProcess.StartAsync(_dir, new Dictionary<string, string> { ["Tollgate__FlushInterval"] = "01:00:00" }, "--data", Data))
        {
            using var http = new HttpClient { BaseAddress = server.Url() };
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "msp/auth/v1/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
            tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
            using var tokenResponse = await http.SendAsync(tokenRequest);
            var mspToken = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
            using var mintRequest = new HttpRequestMessage(HttpMethod.Post, $"msp/v2/customers/{customer.GetProperty("id").GetString()}/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
            mintRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mspToken);
            using var minted = await http.SendAsync(mintRequest);
            Assert.Equal(HttpStatusCode.OK, minted.StatusCode);

            // Still queued while the server runs.
            Assert.Equal(JsonValueKind.Null, (await LastUsedAsync(clientId)).ValueKind);
            Assert.DoesNotContain("customer_token.mint", await AuditActionsAsync(mspId));
        } // SIGTERM, and the process has exited

        Assert.Equal(JsonValueKind.String, (await LastUsedAsync(clientId)).ValueKind);
        Assert.Contains("customer_token.mint", await AuditActionsAsync(mspId));
    }

    [Fact]
    public async Task Https_ServesTlsWithASelfSignedCertificate_MadeOnceAndReused()
    {
        byte[] first;
        await using (var server = await ServerProcess.StartAsync(_dir, null, "--https", "--data", Data))
        {
            var certificate = Path.Combine(Data, "tls", "self-signed.pem");
            Assert.Contains($"https://127.0.0.1:{server.Ports["mainline"]}", server.Output, StringComparison.Ordinal);
            Assert.Contains($"curl --cacert '{certificate}'", server.Output, StringComparison.Ordinal);
            var ready = await ExternalProcess.RunAsync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", "--cacert", certificate, $"https://127.0.0.1:{server.Ports["govapis"]}/health/ready"]);
            Assert.Equal("2 200", ready.Stdout);
            first = await File.ReadAllBytesAsync(certificate);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Data, "tls", "self-signed.key")));
        }

        await using (var again = await ServerProcess.StartAsync(_dir, null, "--https", "--data", Data))
        {
            Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(Data, "tls", "self-signed.pem")));
        }
    }

    [Fact]
    public async Task AnHttpsListenerWithoutACertificate_IsOneClearLine_NotKestrelsDeveloperCertificateAdvice()
    {
        var result = await Cli.RunAsync(
            _dir,
            "serve", "--data", Data,
            "--listen", $"mainline=https://127.0.0.1:{FreePort.Next()}",
            "--listen", $"govcloud=http://127.0.0.1:{FreePort.Next()}",
            "--listen", $"govapis=http://127.0.0.1:{FreePort.Next()}");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Cloud 'mainline' listens on https://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("Kestrel:Certificates:Default:Path", line, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-certs", line, StringComparison.Ordinal);
    }

    private async Task<JsonElement> LastUsedAsync(string clientId)
    {
        var list = await Cli.JsonAsync(_dir, "credentials", "list", "--json", "--data", Data);
        return list.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == clientId).GetProperty("lastUsedAt");
    }

    private async Task<List<string?>> AuditActionsAsync(string mspId) =>
        [.. (await Cli.JsonAsync(_dir, "audit", "list", "--msp", mspId, "--json", "--data", Data)).EnumerateArray().Select(e => e.GetProperty("action").GetString())];
}
