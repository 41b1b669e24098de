using System.Diagnostics;
using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Clouds;
using Tollgate.Storage;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>Changes written to the store by someone else (the CLI, another node) are honoured within a second.</summary>
[Collection(Serial.Timing)]
public sealed class CoherenceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Users = "insync/usermanagement/v1/users";

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task RevokedCredential_IsRefusedAtTokenAndApi_WithinOneSecond()
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        var token = await Host.GetTokenAsync(credential);
        (await Host.CallAsync(HttpMethod.Get, Users, token)).Dispose(); // cached as valid

        // Another process's view of the same store: what `tollgate credentials revoke` does.
        using var other = new TollgateStore(Host.Store.Options, TimeProvider.System);
        await new TestAdmin(other, "someone").RevokeCredentialAsync(credential.ClientId);
        var took = await Wait.AllHoldAsync(TimeSpan.FromSeconds(3),
            async () => { using var api = await Host.CallAsync(HttpMethod.Get, Users, token); return api.StatusCode == HttpStatusCode.Unauthorized; },
            async () => { using var minted = await Host.RequestTokenAsync(credential); return minted.StatusCode == HttpStatusCode.Unauthorized; });

        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task RotatedSecret_OldSecretAndOldTokensRefused_NewSecretWorks()
    {
        var credential = await Host.CreateCustomerCredentialAsync();
        var token = await Host.GetTokenAsync(credential); // in the same second as the rotation, very likely

        var rotated = await Host.Admin.RotateCredentialAsync(credential.ClientId);

        await Wait.UntilAsync(async () =>
        {
            using var minted = await Host.RequestTokenAsync(credential);
            using var api = await Host.CallAsync(HttpMethod.Get, Users, token);
            return minted.StatusCode == HttpStatusCode.Unauthorized && api.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(1));
        var fresh = await Host.GetTokenAsync(credential with { Secret = rotated.SecretKey! });
        using var ok = await Host.CallAsync(HttpMethod.Get, Users, fresh);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task EmergencyKeyRotation_NewKeySignsWithinOneSecond_OldTokensStillValid()
    {
        var credential = await Host.CreateCustomerCredentialAsync(cloud: "govapis");
        var old = await Host.GetTokenAsync(credential);
        var oldKid = new JsonWebToken(old).Kid;
        (await Host.CallAsync(HttpMethod.Get, Users, old, cloud: "govapis")).Dispose();

        var rotated = await Host.Admin.RotateKeysNowAsync(CloudName.GovApis);

        await Wait.UntilAsync(async () => new JsonWebToken(await Host.GetTokenAsync(credential)).Kid == rotated.Kid, TimeSpan.FromSeconds(1));
        var jwks = new JsonWebKeySet(await Host.Client("govapis").GetStringAsync(".well-known/jwks.json"));
        Assert.Contains(jwks.Keys, k => k.Kid == oldKid);
        Assert.Contains(jwks.Keys, k => k.Kid == rotated.Kid);
        using var oldStillValid = await Host.CallAsync(HttpMethod.Get, Users, old, cloud: "govapis");
        Assert.Equal(HttpStatusCode.OK, oldStillValid.StatusCode);
        using var newValid = await Host.CallAsync(HttpMethod.Get, Users, await Host.GetTokenAsync(credential), cloud: "govapis");
        Assert.Equal(HttpStatusCode.OK, newValid.StatusCode);
    }
}
