using System.Net;
using Tollgate.Core.Credentials;

namespace Tollgate.Core.Tests;

public sealed class CredentialTests
{
    [Fact]
    public void NewClientIdAndSecret_HaveTheDocumentedShape()
    {
        var id = SecretHasher.NewClientId();
        var secret = SecretHasher.NewSecret();

        Assert.Equal(24, Convert.FromBase64String(id).Length);
        Assert.Equal(32, Convert.FromBase64String(secret).Length);
        Assert.NotEqual(secret, SecretHasher.NewSecret());
    }

    [Fact]
    public void Verify_RightSecret_True_WrongOrUnknown_False()
    {
        var secret = SecretHasher.NewSecret();
        var hash = SecretHasher.Hash(secret);

        Assert.True(SecretHasher.Verify(secret, SecretHasher.CurrentVersion, hash));
        Assert.False(SecretHasher.Verify(secret + "x", SecretHasher.CurrentVersion, hash));
        Assert.False(SecretHasher.Verify(secret, SecretHasher.CurrentVersion, null));
        Assert.False(SecretHasher.Verify(secret, 99, hash));
        Assert.DoesNotContain(secret, Convert.ToBase64String(hash), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("read", ScopeSet.Read)]
    [InlineData("write", ScopeSet.Write)]
    [InlineData("read write", ScopeSet.All)]
    [InlineData("write read", ScopeSet.All)]
    public void Scopes_Parse_KnownScopes(string text, ScopeSet expected)
    {
        Assert.True(Scopes.TryParse(text, out var scopes));
        Assert.Equal(expected, scopes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("admin")]
    [InlineData("read  write")]
    [InlineData(" read")]
    [InlineData("READ")]
    public void Scopes_Parse_RejectsUnknownOrMalformed(string text) => Assert.False(Scopes.TryParse(text, out _));

    [Fact]
    public void Scopes_Format_IsCanonical() => Assert.Equal("read write", Scopes.Format(ScopeSet.All));

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.1.2.3", false)]
    [InlineData("192.168.1.7", "192.168.1.7", true)]
    [InlineData("127.0.0.0/8", "::ffff:127.0.0.1", true)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    public void AllowList_Allows_ByNetwork(string cidr, string address, bool allowed)
    {
        Assert.True(NetworkAllowList.TryParse([cidr], out var list, out _));
        Assert.Equal(allowed, list.Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void AllowList_Empty_AllowsAnything_Invalid_IsRefused()
    {
        Assert.True(NetworkAllowList.Anywhere.Allows(IPAddress.Parse("8.8.8.8")));
        Assert.False(NetworkAllowList.TryParse(["10.0.0.0/99"], out _, out var invalid));
        Assert.Equal("10.0.0.0/99", invalid);
    }
}
