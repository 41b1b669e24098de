using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

/// <summary>The CLI and a running server on the same data folder: changes from the other process are honoured within a second.</summary>
[Collection(Serial.Timing)]
public sealed partial class LiveServerTests
{
    private const string Users = "insync/usermanagement/v1/users";

    [Fact]
    public async Task CredentialsRevoke_FromSecondProcess_RefusedAtTokenAndApiWithinOneSecond()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        var token = await host.GetTokenAsync(credential);
        (await host.CallAsync(HttpMethod.Get, Users, token)).Dispose();

        var result = await Cli.RunAsync(host.DataDirectory, "credentials", "revoke", credential.ClientId, "--data", host.DataDirectory);
        Assert.Equal(0, result.ExitCode);
        var took = await Wait.AllHoldAsync(TimeSpan.FromSeconds(3),
            async () => { using var api = await host.CallAsync(HttpMethod.Get, Users, token); return api.StatusCode == HttpStatusCode.Unauthorized; },
            async () => { using var minted = await host.RequestTokenAsync(credential); return minted.StatusCode == HttpStatusCode.Unauthorized; });
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task CredentialsRotateAndKeysRotate_FromSecondProcess_TakeEffectOnTheRunningServer()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        var oldKid = new JsonWebToken(await host.GetTokenAsync(credential)).Kid;

        var rotated = await Cli.JsonAsync(host.DataDirectory, "credentials", "rotate", credential.ClientId, "--json", "--data", host.DataDirectory);
        var keys = await Cli.JsonAsync(host.DataDirectory, "keys", "rotate", "--cloud", "mainline", "--json", "--data", host.DataDirectory);

        var renewed = credential with { Secret = rotated.GetProperty("secretKey").GetString()! };
        var newKid = keys[0].GetProperty("kid").GetString();
        await Wait.UntilAsync(async () =>
        {
            using var old = await host.RequestTokenAsync(credential);
            return old.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(async () => new JsonWebToken(await host.GetTokenAsync(renewed)).Kid == newKid, TimeSpan.FromSeconds(1));
        Assert.NotEqual(oldKid, newKid);
    }

    [Fact]
    public async Task AuditList_ShowsTheMspsActivity_FilteredByMspCustomerAndTime()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:FlushInterval"] = "00:00:00.200" });
        var (msp, customers) = await host.CreateMspWithCustomersAsync(2);
        var token = await host.GetCustomerTokenAsync(msp, customers[0]);
        await host.GetCustomerTokenAsync(msp, customers[1]);
        (await host.CallAsync(HttpMethod.Get, Users, token)).Dispose();
        await Wait.UntilAsync(async () =>
        {
            return (await host.Admin.AuditAsync()).Count(e => e.MspId == msp.OwnerId && e.Action == "api.call") == 1;
        }, TimeSpan.FromSeconds(5));

        var all = await Cli.JsonAsync(host.DataDirectory, "audit", "list", "--msp", msp.OwnerId, "--since", "1h", "--json", "--data", host.DataDirectory);
        var one = await Cli.JsonAsync(host.DataDirectory, "audit", "list", "--customer", customers[0], "--json", "--data", host.DataDirectory);
        var future = await Cli.JsonAsync(host.DataDirectory, "audit", "list", "--msp", msp.OwnerId, "--since", DateTimeOffset.UtcNow.AddHours(1).ToString("O"), "--json", "--data", host.DataDirectory);
        var bad = await Cli.RunAsync(host.DataDirectory, "audit", "list", "--since", "yesterday-ish", "--data", host.DataDirectory);

        var actions = all.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(2, actions.Count(a => a == "customer_token.mint"));
        Assert.Equal(1, actions.Count(a => a == "api.call"));
        Assert.Contains("credential.create", actions);
        Assert.All(one.EnumerateArray(), e => Assert.Equal(customers[0], e.GetProperty("customerId").GetString()));
        Assert.Contains(one.EnumerateArray(), e => e.GetProperty("action").GetString() == "api.call" && e.GetProperty("status").GetInt32() == 200 && e.GetProperty("actor").GetString() == "client:" + msp.ClientId);
        Assert.Equal(0, future.GetArrayLength());
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public async Task ServeDemo_SeedsOnce_PrintsWorkingCredentialsAndCurlLine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tollgate-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var ports = new[] { FreePort.Next(), FreePort.Next(), FreePort.Next() };
        string[] args =
        [
            "serve", "--demo",
            "--listen", $"mainline=http://127.0.0.1:{ports[0]}",
            "--listen", $"govcloud=http://127.0.0.1:{ports[1]}",
            "--listen", $"govapis=http://127.0.0.1:{ports[2]}",
        ];

        string id = "", secret = "";
        var first = await RunUntilReadyAsync(dir, args, async output =>
        {
            id = ClientIdLine().Match(output).Groups[1].Value;
            secret = SecretLine().Match(output).Groups[1].Value;
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}/") };
            using var request = new HttpRequestMessage(HttpMethod.Post, "token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{id}:{secret}")));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // The printed cloud administrator reaches the admin API.
            var admin = AdminLines().Match(output);
            using var adminRequest = new HttpRequestMessage(HttpMethod.Post, "token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
            adminRequest.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{admin.Groups[1].Value}:{admin.Groups[2].Value}")));
            using var adminToken = await client.SendAsync(adminRequest);
            var bearer = System.Text.Json.JsonDocument.Parse(await adminToken.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
            using var list = new HttpRequestMessage(HttpMethod.Get, "admin/v1/credentials");
            list.Headers.Authorization = new("Bearer", bearer);
            using var listed = await client.SendAsync(list);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.Contains(id, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // The printed console administrator signs in with its one-time password (and is asked for a new one).
            var console = ConsoleAdminLine().Match(output);
            Assert.True(console.Success, output);
            Assert.Equal("/console/password", await TestConsole.SignInAsync(client.BaseAddress!, console.Groups[1].Value, console.Groups[2].Value));
        });
        Assert.Contains("/admin/v1/credentials", first, StringComparison.Ordinal);
        Assert.Contains("Demo data seeded", first, StringComparison.Ordinal);
        Assert.Contains("curl -s -X POST -H 'authorization: Basic ", first, StringComparison.Ordinal);

        // Stopped and started again: the data is there; nothing is seeded twice.
        var second = await RunUntilReadyAsync(dir, args, _ => Task.CompletedTask);
        Assert.Contains("seeded earlier", second, StringComparison.Ordinal);
        Assert.Contains(id, second, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, second, StringComparison.Ordinal);
        Assert.DoesNotContain("one-time password ", second, StringComparison.Ordinal);
        Assert.Contains("cloud-admin@mainline.tollgate.example", second, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Starts <c>tollgate serve</c>, waits for every cloud's ready line, checks it answers, then stops it with SIGTERM.</summary>
    private static async Task<string> RunUntilReadyAsync(string dir, string[] args, Func<string, Task> whileRunning)
    {
        using var process = Process.Start(Cli.StartInfo(dir, args))!;
        var output = new System.Text.StringBuilder();
        var ready = 0;
        var allReady = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
                if (e.Data?.StartsWith("Tollgate ", StringComparison.Ordinal) == true && e.Data.Contains(" ready at ", StringComparison.Ordinal) && ++ready == 3)
                {
                    allReady.TrySetResult();
                }
            }
        };
        process.BeginOutputReadLine();
        try
        {
            await allReady.Task.WaitAsync(TimeSpan.FromSeconds(60));
            string soFar;
            lock (output)
            {
                soFar = output.ToString();
            }

            await whileRunning(soFar);
        }
        finally
        {
            // SIGTERM: a graceful stop, as a service manager does it.
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }

        Assert.Equal(0, process.ExitCode);
        lock (output)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"customer credential .*\n\s+Client ID\s+(\S+)")]
    private static partial Regex ClientIdLine();

    [GeneratedRegex(@"customer credential .*\n\s+Client ID\s+\S+\n\s+Secret Key\s+(\S+)")]
    private static partial Regex SecretLine();

    [GeneratedRegex(@"cloud-admin credential .*\n\s+Client ID\s+(\S+)\n\s+Secret Key\s+(\S+)")]
    private static partial Regex AdminLines();

    [GeneratedRegex(@"\n\s+cloud-admin\s+(\S+@\S+)\s+one-time password (\S+)")]
    private static partial Regex ConsoleAdminLine();
}
