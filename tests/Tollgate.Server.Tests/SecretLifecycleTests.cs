using System.Net;
using System.Text.Json;
using Tollgate.Core.Administration;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// A secret's life over real HTTP: rotation with a grace (both secrets work, then only the new one, and the old
/// secret's tokens stop with it), last use kept per secret, and a credential's expiry.
/// </summary>
public sealed class SecretLifecycleTests
{
    private static async Task<string> AccessTokenAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;

    [Fact]
    public async Task RotationWithAGrace_BothSecretsWork_ThenTheOldOneAndItsTokensStop_WithinASecond()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:FlushInterval"] = "00:00:00.200" });
        var old = await host.CreateCustomerCredentialAsync();
        var rotated = await host.Admin.RotateCredentialAsync(old.ClientId, grace: TimeSpan.FromSeconds(3));
        await host.SyncAsync();
        var renewed = old with { Secret = rotated.SecretKey! };
        Assert.NotNull(rotated.Credential.PreviousSecretUntil);

        using var withOld = await host.RequestTokenAsync(old);
        using var withNew = await host.RequestTokenAsync(renewed);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        var oldToken = await AccessTokenAsync(withOld);
        var newToken = await AccessTokenAsync(withNew);
        using (var call = await host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", oldToken))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        // Last use is kept per secret: the operator sees when the old one went quiet.
        await Wait.UntilAsync(
            async () => (await host.Admin.Credentials.ListAsync(null)).Single(d => d.Credential.ClientId == old.ClientId) is { LastUsedAt: not null, PreviousSecretLastUsedAt: not null },
            TimeSpan.FromSeconds(10));

        // The grace ends: within a second the old secret is refused, and so is every token it got.
        var until = rotated.Credential.PreviousSecretUntil!.Value;
        var wait = until - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        using (var refused = await host.RequestTokenAsync(old))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var call = await host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", oldToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        }

        using (var call = await host.CallAsync(HttpMethod.Get, "insync/usermanagement/v1/users", newToken))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        using var stillNew = await host.RequestTokenAsync(renewed);
        Assert.Equal(HttpStatusCode.OK, stillNew.StatusCode);
    }

    [Fact]
    public async Task RotationWithoutAGrace_StopsTheOldSecretAtOnce_AndASecondRotationEndsTheFirstsGrace()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        var first = await host.Admin.RotateCredentialAsync(credential.ClientId, grace: TimeSpan.FromHours(1));
        var second = await host.Admin.RotateCredentialAsync(credential.ClientId);
        await host.SyncAsync();

        using var original = await host.RequestTokenAsync(credential);
        using var firstRotation = await host.RequestTokenAsync(credential with { Secret = first.SecretKey! });
        using var current = await host.RequestTokenAsync(credential with { Secret = second.SecretKey! });
        Assert.Equal(HttpStatusCode.Unauthorized, original.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, firstRotation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Null(second.Credential.PreviousSecretHash);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31 * 24 * 3600)]
    public async Task AGraceOutsideItsBounds_IsRefused(int seconds)
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        var rotated = await host.Admin.Credentials.RotateAsync(credential.ClientId, new Actor("cli:test"), grace: TimeSpan.FromSeconds(seconds));
        Assert.False(rotated.Succeeded);
        Assert.Equal(AdminErrorKind.Invalid, rotated.Error.Kind);
    }

    [Fact]
    public async Task AnExpiredCredential_GetsInvalidClient_SayingSo_OnlyToWhoeverHoldsItsSecret()
    {
        await using var host = await TestHost.StartAsync();
        var customer = await host.Admin.CreateCustomerAsync(Core.Clouds.CloudName.Mainline, "Expiring", null);
        var created = await host.Admin.CreateCredentialAsync(new CredentialSpec(Core.Credentials.OwnerKind.Customer, customer.Id, "short-lived", Core.Credentials.ScopeSet.All, [], ExpiresAt: DateTimeOffset.UtcNow.AddSeconds(2)));
        await host.SyncAsync();
        var credential = new TestCredential(created.Credential.ClientId, created.SecretKey!, customer.Id, "mainline");

        using (var before = await host.RequestTokenAsync(credential))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await Task.Delay(created.Credential.ExpiresAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        using var expired = await host.RequestTokenAsync(credential);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        var body = JsonDocument.Parse(await expired.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Contains("expired", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);

        // A guess at its secret learns nothing of the expiry.
        using var guess = await host.RequestTokenAsync(credential with { Secret = "wrong" });
        Assert.DoesNotContain("expired", await guess.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Wait.UntilAsync(async () => (await host.Admin.AuditAsync()).Any(e => e.Action == "client_auth.failed" && e.Detail == "expired"), TimeSpan.FromSeconds(10));

        // Extended, it works again.
        await host.Admin.UpdateCredentialAsync(credential.ClientId, new CredentialChanges(ExpiresAt: DateTimeOffset.UtcNow.AddDays(1)));
        await host.SyncAsync();
        using var extended = await host.RequestTokenAsync(credential);
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
    }

    [Fact]
    public async Task TheAdminApi_RotatesWithAGrace_AndSetsAnExpiry()
    {
        await using var host = await TestHost.StartAsync();
        var admin = await host.CreateAdminCredentialAsync(Core.Credentials.AdminRole.CloudAdmin);
        var token = await host.GetTokenAsync(admin);
        var credential = await host.CreateCustomerCredentialAsync();
        var path = $"admin/v1/credentials/{Uri.EscapeDataString(credential.ClientId)}";

        using var rotated = await host.CallAsync(HttpMethod.Post, path + "/rotate?grace=24h", token);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var body = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement;
        var until = body.GetProperty("credential").GetProperty("previousSecretUntil").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
        await host.SyncAsync();
        using (var old = await host.RequestTokenAsync(credential))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        foreach (var bad in new[] { "24", "31d", "soon" })
        {
            using var refused = await host.CallAsync(HttpMethod.Post, path + "/rotate?grace=" + bad, token);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var expiry = DateTimeOffset.UtcNow.AddDays(90);
        using var patched = await host.CallAsync(HttpMethod.Patch, path, token, json: $$"""{"expiresAt":"{{expiry:O}}"}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(expiry, JsonDocument.Parse(await patched.Content.ReadAsStringAsync()).RootElement.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        using var past = await host.CallAsync(HttpMethod.Patch, path, token, json: """{"expiresAt":"2001-01-01T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        foreach (var odd in new[] { "\"9999-12-31T23:59:59+14:00\"", "\"tomorrow\"", "12", "null" })
        {
            // The far edge of the calendar is a valid (distant) expiry; what is not a time is a 400; null changes nothing.
            using var response = await host.CallAsync(HttpMethod.Patch, path, token, json: $$"""{"expiresAt":{{odd}}}""");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{odd}: {(int)response.StatusCode}");
        }

        await host.SyncAsync();
        using (var stillWorks = await host.RequestTokenAsync(credential with { Secret = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("secretKey").GetString()! }))
        {
            Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        }

        using var never = await host.CallAsync(HttpMethod.Patch, path, token, json: """{"neverExpires":true}""");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await never.Content.ReadAsStringAsync()).RootElement.GetProperty("expiresAt").ValueKind);
    }
}
