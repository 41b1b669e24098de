using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;

namespace Tollgate.Core.Tests;

public sealed class TokenTests
{
    private static readonly CloudDefinition Mainline = new(CloudName.Mainline, "https://apis.example", "https://apis.example", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15));
    private static readonly CloudDefinition Gov = new(CloudName.GovCloud, "https://gov.example", "https://gov.example", TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TestKeyResolver _keys = new();
    private readonly RevocationList _revocations = new();

    [Theory]
    [InlineData(SigningAlgorithms.ES256)]
    [InlineData(SigningAlgorithms.RS256)]
    public async Task IssuedToken_Validates_WithAllClaims(string algorithm)
    {
        var key = KeyTests.Key("k1", _time.GetUtcNow().AddDays(-1), algorithm: algorithm);
        _keys.Add(Mainline, key);
        var actor = new TokenActor("msp-client", "msp-1");
        var issued = new AccessTokenIssuer().Issue(Mainline, key, new TokenSubject("client-1", OwnerKind.Customer, "cust-1", null, ScopeSet.Read, actor), _time.GetUtcNow());

        var result = await Validator().ValidateAsync(issued.AccessToken, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error?.Description);
        var info = result.Value;
        Assert.Equal("client-1", info.ClientId);
        Assert.Equal("cust-1", info.CustomerId);
        Assert.Equal(ScopeSet.Read, info.Scopes);
        Assert.Equal(actor, info.Actor);
        Assert.Equal(issued.JwtId, info.JwtId);
        Assert.Equal(1800, issued.ExpiresIn);
        Assert.Equal(algorithm, new JsonWebToken(issued.AccessToken).Alg);
    }

    [Fact]
    public async Task RevokedClient_OrToken_IsRefused_EvenFromCache()
    {
        var key = KeyTests.Key("k1", _time.GetUtcNow().AddDays(-1));
        _keys.Add(Mainline, key);
        var issuer = new AccessTokenIssuer();
        var validator = Validator();
        var a = issuer.Issue(Mainline, key, new TokenSubject("client-a", OwnerKind.Customer, "c", null, ScopeSet.All), _time.GetUtcNow());
        var b = issuer.Issue(Mainline, key, new TokenSubject("client-b", OwnerKind.Customer, "c", null, ScopeSet.All), _time.GetUtcNow());
        Assert.True((await validator.ValidateAsync(a.AccessToken, default)).Succeeded);
        Assert.True((await validator.ValidateAsync(b.AccessToken, default)).Succeeded);

        _revocations.RevokeClient("client-a", _time.GetUtcNow());
        _revocations.RevokeToken(b.JwtId, b.ExpiresAt);

        Assert.Equal(OAuthErrors.InvalidToken, (await validator.ValidateAsync(a.AccessToken, default)).Error?.Code);
        Assert.Equal(OAuthErrors.InvalidToken, (await validator.ValidateAsync(b.AccessToken, default)).Error?.Code);
    }

    [Fact]
    public async Task CachedLookupBySpan_FindsValidatedTokens_AndStillChecksRevocation()
    {
        var key = KeyTests.Key("k1", _time.GetUtcNow().AddDays(-1));
        _keys.Add(Mainline, key);
        var issued = new AccessTokenIssuer().Issue(Mainline, key, new TokenSubject("client-a", OwnerKind.Customer, "c", null, ScopeSet.All), _time.GetUtcNow());
        var validator = Validator();
        var header = "Bearer " + issued.AccessToken;

        Assert.False(validator.TryValidateCached(header.AsSpan(7), out _)); // not validated yet
        Assert.True((await validator.ValidateAsync(issued.AccessToken, default)).Succeeded);
        Assert.True(validator.TryValidateCached(header.AsSpan(7), out var hit));
        Assert.True(hit.Succeeded);
        Assert.Equal("client-a", hit.Value!.ClientId);

        _revocations.RevokeToken(issued.JwtId, issued.ExpiresAt);
        Assert.True(validator.TryValidateCached(header.AsSpan(7), out var revoked));
        Assert.Equal(OAuthErrors.InvalidToken, revoked.Error?.Code);
    }

    [Fact]
    public async Task RotatedClient_TokensOfTheOldSecretRefused_EvenIssuedAfterTheRotation_NewSecretsAccepted()
    {
        var key = KeyTests.Key("k1", _time.GetUtcNow().AddDays(-1));
        _keys.Add(Mainline, key);
        var issuer = new AccessTokenIssuer();
        var oldSecret = new TokenSubject("client-a", OwnerKind.Customer, "c", null, ScopeSet.All, SecretGeneration: 0);
        var before = issuer.Issue(Mainline, key, oldSecret, _time.GetUtcNow());
        _revocations.SetSecretGeneration("client-a", 1, _time.GetUtcNow());
        // A lagging node that had not heard of the rotation issues with the old secret, in the same second and later.
        var sameSecond = issuer.Issue(Mainline, key, oldSecret, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(2));
        var later = issuer.Issue(Mainline, key, oldSecret, _time.GetUtcNow());
        var renewed = issuer.Issue(Mainline, key, oldSecret with { SecretGeneration = 1 }, _time.GetUtcNow());

        Assert.False((await Validator().ValidateAsync(before.AccessToken, default)).Succeeded);
        Assert.False((await Validator().ValidateAsync(sameSecond.AccessToken, default)).Succeeded);
        Assert.False((await Validator().ValidateAsync(later.AccessToken, default)).Succeeded);
        Assert.True((await Validator().ValidateAsync(renewed.AccessToken, default)).Succeeded);
    }

    [Fact]
    public async Task RotatedWithAGrace_TokensOfThePreviousSecretWorkUntilTheGraceEnds_OlderOnesNever()
    {
        var key = KeyTests.Key("k1", _time.GetUtcNow().AddDays(-1));
        _keys.Add(Mainline, key);
        var issuer = new AccessTokenIssuer();
        var subject = new TokenSubject("client-g", OwnerKind.Customer, "c", null, ScopeSet.All, SecretGeneration: 1);
        var previous = issuer.Issue(Mainline, key, subject, _time.GetUtcNow());
        var older = issuer.Issue(Mainline, key, subject with { SecretGeneration = 0 }, _time.GetUtcNow());
        var current = issuer.Issue(Mainline, key, subject with { SecretGeneration = 2 }, _time.GetUtcNow());
        _revocations.SetSecretGeneration("client-g", 2, _time.GetUtcNow(), previousUntil: _time.GetUtcNow().AddMinutes(5));

        Assert.True((await Validator().ValidateAsync(previous.AccessToken, default)).Succeeded);
        Assert.False((await Validator().ValidateAsync(older.AccessToken, default)).Succeeded);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.False((await Validator().ValidateAsync(previous.AccessToken, default)).Succeeded);
        Assert.True((await Validator().ValidateAsync(current.AccessToken, default)).Succeeded);
    }

    [Fact]
    public void RevocationList_KeepsARevokedToken_UntilNoValidatorAcceptsIt()
    {
        var token = Info("jti-1", "client-a", expiresAt: _time.GetUtcNow().AddSeconds(60));
        _revocations.RevokeToken(token.JwtId, token.ExpiresAt);

        // Validators accept a token until exp + the clock skew: the revocation must hold that long.
        _time.Advance(TimeSpan.FromSeconds(60) + TokenTiming.ClockSkew - TimeSpan.FromSeconds(1));
        _revocations.Prune(_time.GetUtcNow(), TimeSpan.FromMinutes(30));
        Assert.True(_revocations.IsRevoked(token, _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromSeconds(2));
        _revocations.Prune(_time.GetUtcNow(), TimeSpan.FromMinutes(30));
        Assert.False(_revocations.IsRevoked(token, _time.GetUtcNow()));
    }

    [Fact]
    public void RevocationList_KeepsACredentialRevocation_ForALaggingNodesLastToken()
    {
        var since = _time.GetUtcNow();
        _revocations.RevokeClient("client-a", since);
        _revocations.SetSecretGeneration("client-b", 2, since);
        var lifetime = TimeSpan.FromMinutes(30);
        var a = Info("jti-a", "client-a", since + lifetime);
        var b = Info("jti-b", "client-b", since + lifetime, generation: 1);

        // A token a lagging node issued just before it heard of the change lives its whole lifetime after it.
        _time.Advance(lifetime + TokenTiming.ClockSkew);
        _revocations.Prune(_time.GetUtcNow(), lifetime);
        Assert.True(_revocations.IsRevoked(a, _time.GetUtcNow()));
        Assert.True(_revocations.IsRevoked(b, _time.GetUtcNow()));

        _time.Advance(TokenTiming.PropagationMargin + TimeSpan.FromSeconds(1));
        _revocations.Prune(_time.GetUtcNow(), lifetime);
        Assert.False(_revocations.IsRevoked(a, _time.GetUtcNow()));
        Assert.False(_revocations.IsRevoked(b, _time.GetUtcNow()));
    }

    private static AccessTokenInfo Info(string jti, string clientId, DateTimeOffset expiresAt, int generation = 0) =>
        new(CloudName.Mainline, "iss", "aud", clientId, ScopeSet.All, "c", null, null, jti, null, expiresAt.AddMinutes(-30), expiresAt, generation);

    [Fact]
    public async Task TokenOfAnotherCloud_ValidatesAsThatCloud()
    {
        var key = KeyTests.Key("g1", _time.GetUtcNow().AddDays(-1));
        _keys.Add(Gov, key);
        var issued = new AccessTokenIssuer().Issue(Gov, key, new TokenSubject("c", OwnerKind.Customer, "x", null, ScopeSet.All), _time.GetUtcNow());

        var result = await Validator().ValidateAsync(issued.AccessToken, default);

        Assert.Equal(CloudName.GovCloud, result.Value!.Cloud);
        Assert.Equal(900, issued.ExpiresIn);
    }

    [Fact]
    public async Task TokenNotYetValid_IsRefused()
    {
        var key = KeyTests.Key("k1", _time.GetUtcNow().AddDays(-1));
        _keys.Add(Mainline, key);
        var issued = new AccessTokenIssuer().Issue(Mainline, key, new TokenSubject("c", OwnerKind.Customer, "x", null, ScopeSet.All), _time.GetUtcNow().AddMinutes(5));

        Assert.Contains("not valid yet", (await Validator().ValidateAsync(issued.AccessToken, default)).Error!.Description, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string?, AdminRole, bool> Roles => new()
    {
        // customerId, mspId, role, valid
        { null, null, AdminRole.CloudAdmin, true },
        { null, null, AdminRole.CloudAdminReadOnly, true },
        { null, "msp-1", AdminRole.MspAdmin, true },
        { "cust-1", null, AdminRole.None, true },
        { null, null, AdminRole.None, false },         // names nobody
        { "cust-1", null, AdminRole.CloudAdmin, false }, // a cloud role names no tenant
        { null, "msp-1", AdminRole.CloudAdmin, false },
        { "cust-1", null, AdminRole.MspAdmin, false },   // msp-admin is an MSP's
        { "cust-1", null, AdminRole.CustomerAdmin, true },
        { null, "msp-1", AdminRole.CustomerAdmin, false }, // customer-admin is a customer's
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task RoleClaim_RoundTrips_AndMustFitWhomTheTokenNames(string? customerId, string? mspId, AdminRole role, bool valid)
    {
        var key = KeyTests.Key("k1", _time.GetUtcNow().AddDays(-1));
        _keys.Add(Mainline, key);
        var kind = customerId is not null ? OwnerKind.Customer : mspId is not null ? OwnerKind.Msp : OwnerKind.Cloud;
        var issued = new AccessTokenIssuer().Issue(Mainline, key, new TokenSubject("c", kind, customerId, mspId, ScopeSet.All, Role: role), _time.GetUtcNow());

        var result = await Validator().ValidateAsync(issued.AccessToken, default);

        Assert.Equal(valid, result.Succeeded);
        if (valid)
        {
            Assert.Equal(role, result.Value!.Role);
            Assert.Equal(kind, result.Value.Kind);
        }
    }

    private AccessTokenValidator Validator() => new(_keys, _revocations, _time);
}
