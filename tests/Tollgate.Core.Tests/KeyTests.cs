using System.Security.Cryptography;
using Tollgate.Core.Paging;
using Tollgate.Core.Protection;
using Tollgate.Core.Tokens;

namespace Tollgate.Core.Tests;

public sealed class KeyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void KeyRing_SignsWithLatestActivated_PublishesPendingAndRetiredUntilTheirTokensExpire()
    {
        var a = Key("a", T0);
        var b = Key("b", T0.AddDays(30), created: T0.AddDays(29));
        var ring = new KeyRing([b, a], TimeSpan.FromMinutes(30));

        Assert.Equal("a", ring.SigningKeyAt(T0.AddDays(10))!.Kid);
        Assert.Equal(["a"], ring.PublishedAt(T0.AddDays(10)).Select(k => k.Kid));
        Assert.Equal(["a", "b"], ring.PublishedAt(T0.AddDays(29.5)).Select(k => k.Kid));
        Assert.Equal("a", ring.SigningKeyAt(T0.AddDays(29.5))!.Kid);
        Assert.Equal("b", ring.SigningKeyAt(T0.AddDays(30))!.Kid);
        Assert.Equal(["a", "b"], ring.PublishedAt(T0.AddDays(30).AddMinutes(29)).Select(k => k.Kid));
        Assert.Equal(["b"], ring.PublishedAt(T0.AddDays(30).AddMinutes(30)).Select(k => k.Kid));
        Assert.Null(new KeyRing([b], TimeSpan.FromMinutes(30)).SigningKeyAt(T0));
    }

    [Fact]
    public void KeyProtector_RoundTrips_AndRefusesTamperingOrAnotherKid()
    {
        using var protector = new KeyProtector(RandomNumberGenerator.GetBytes(32));
        var secret = RandomNumberGenerator.GetBytes(100);

        var sealedBytes = protector.Protect(secret, "kid1");

        Assert.Equal(secret, protector.Unprotect(sealedBytes, "kid1"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedBytes, "kid2"));
        sealedBytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedBytes, "kid1"));
        using var other = new KeyProtector(RandomNumberGenerator.GetBytes(32));
        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(protector.Protect(secret, "kid1"), "kid1"));
    }

    [Fact]
    public void PageToken_RoundTrips_AndIsBoundToItsQuery()
    {
        var token = PageToken.Create("42", "q1");

        Assert.True(PageToken.TryRead(token, "q1", out var after));
        Assert.Equal("42", after);
        Assert.False(PageToken.TryRead(token, "q2", out _));
        Assert.False(PageToken.TryRead("garbage!", "q1", out _));
        var tampered = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token);
        tampered[0] ^= 1; // the fingerprint
        Assert.False(PageToken.TryRead(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(tampered), "q1", out _));
        Assert.False(PageToken.TryRead("", "q1", out _));
    }

    [Theory]
    [InlineData(SigningAlgorithms.ES256, "EC")]
    [InlineData(SigningAlgorithms.RS256, "RSA")]
    public void SigningKeyFactory_CreatesAndLoads_PublicJwkHasNoPrivatePart(string algorithm, string kty)
    {
        var (kid, pkcs8) = SigningKeyFactory.Create(algorithm);

        var key = SigningKeyFactory.Load(kid, algorithm, pkcs8, T0, T0);

        Assert.Equal(kty, key.PublicJwk.Kty);
        Assert.Equal(kid, key.PublicJwk.Kid);
        Assert.Null(key.PublicJwk.D);
        Assert.Equal(algorithm, key.PublicJwk.Alg);
    }

    internal static SigningKey Key(string kid, DateTimeOffset activates, DateTimeOffset? created = null, string algorithm = SigningAlgorithms.ES256)
    {
        var (_, pkcs8) = SigningKeyFactory.Create(algorithm);
        return SigningKeyFactory.Load(kid, algorithm, pkcs8, created ?? activates, activates);
    }
}
