using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Server.Background;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>Expiry and the key schedule, on a fake clock.</summary>
public sealed class TimeTests
{
    private const string Users = "insync/usermanagement/v1/users";

    [Fact]
    public async Task Api_WithExpiredToken_Returns401_EvenWhenCached()
    {
        await using var host = await TestHost.StartAsync(fakeTime: true);
        var token = await host.GetTokenAsync(await host.CreateCustomerCredentialAsync());
        using (var fresh = await host.CallAsync(HttpMethod.Get, Users, token))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        host.Time!.Advance(TimeSpan.FromSeconds(1799));
        using (var late = await host.CallAsync(HttpMethod.Get, Users, token))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        }

        host.Time.Advance(TimeSpan.FromSeconds(32)); // past exp plus the 30 s clock skew

        using var expired = await host.CallAsync(HttpMethod.Get, Users, token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", Assert.Single(expired.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_RotateOnSchedule_NextKeyPublishedADayAhead_OldKeyKeptUntilItsTokensExpire()
    {
        // The schedule's own timer is set beyond the month this test moves the clock, so each run is the one the
        // test makes and awaits: no polling, and no second run racing the first.
        await using var host = await TestHost.StartAsync(fakeTime: true, settings: new() { ["Tollgate:Signing:CheckInterval"] = "40.00:00:00" });
        var time = host.Time!;
        var credential = await host.CreateCustomerCredentialAsync();
        var first = new JsonWebToken(await host.GetTokenAsync(credential)).Kid;
        Assert.Equal([first], await KidsAsync(host));

        // A day before the 30-day mark, the next key appears in JWKS but does not sign yet.
        time.Advance(TimeSpan.FromDays(29) + TimeSpan.FromMinutes(1));
        await RunKeyScheduleAsync(host);
        Assert.Equal(2, (await KidsAsync(host)).Count);
        var next = (await KidsAsync(host)).Single(k => k != first);
        Assert.Equal(first, new JsonWebToken(await host.GetTokenAsync(credential)).Kid);

        // Just before the switch: a token signed by the first key, validated and cached.
        time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(2));
        var lastOfFirst = await host.GetTokenAsync(credential);
        Assert.Equal(first, new JsonWebToken(lastOfFirst).Kid);
        (await host.CallAsync(HttpMethod.Get, Users, lastOfFirst)).Dispose();

        // After the switch the next key signs, and the cached token of the first key still works.
        time.Advance(TimeSpan.FromMinutes(2));
        var token = await host.GetTokenAsync(credential);
        Assert.Equal(next, new JsonWebToken(token).Kid);
        using (var old = await host.CallAsync(HttpMethod.Get, Users, lastOfFirst))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        using (var current = await host.CallAsync(HttpMethod.Get, Users, token))
        {
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        }

        Assert.Contains(first, await KidsAsync(host));

        // Once every token of the first key has expired, it leaves JWKS and the store.
        time.Advance(TimeSpan.FromMinutes(31));
        await RunKeyScheduleAsync(host);
        Assert.Equal([next], await KidsAsync(host));
    }

    /// <summary>The key schedule's run for the moved clock, awaited.</summary>
    private static async Task RunKeyScheduleAsync(TestHost host)
    {
        await host.Services.GetServices<IHostedService>().OfType<KeyScheduleJob>().Single().RunOnceAsync(CancellationToken.None);
        await host.SyncAsync(); // this node reloads its key ring from the change feed, as it would on its next poll
    }

    private static async Task<List<string>> KidsAsync(TestHost host) =>
        [.. new JsonWebKeySet(await host.Client().GetStringAsync(".well-known/jwks.json")).Keys.Select(k => k.Kid)];
}
