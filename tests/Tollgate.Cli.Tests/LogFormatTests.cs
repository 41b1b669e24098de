using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary><c>tollgate serve --log-format json</c>: one JSON object per log line, a failed authentication among them.</summary>
public sealed class LogFormatTests
{
    [Fact]
    public async Task JsonLogs_OneObjectPerLine_AFailedAuthenticationNamesAHashAndTheSource_NeverTheSecret()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var clientId = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        const string secret = "a-secret-that-must-never-be-logged";
        string output;
        await using (var server = await ServerProcess.StartAsync(dir, null, "--log-format", "json"))
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url(), "token")) { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
            using var refused = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            await Wait.UntilAsync(() => Task.FromResult(server.Output.Contains("Client authentication failed", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
            output = server.Output;
        }

        var logs = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("Tollgate ", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        var failed = Assert.Single(logs, e => e.GetProperty("EventId").GetInt32() == 5);
        var state = failed.GetProperty("State");
        Assert.Equal("127.0.0.1", state.GetProperty("Source").GetString());
        Assert.Equal("unknown_client", state.GetProperty("Error").GetString());
        Assert.Matches("^[0-9a-f]{8}$", state.GetProperty("ClientHash").GetString()!);
        Assert.EndsWith("Z", failed.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(clientId, output, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task AnUnknownLogFormat_IsBadUsage()
    {
        var result = await Cli.RunAsync(Path.GetTempPath(), "serve", "--log-format", "xml");
        Assert.Equal(2, result.ExitCode);
    }
}
