using Tollgate.Core.Credentials;

namespace Tollgate.Core.Tests;

public sealed class TokenQuotaTests
{
    [Theory]
    [InlineData("60/m", "60/m")]
    [InlineData("10000/d,60/m", "60/m 10000/d")]
    [InlineData(" 5/hour  100/DAY ", "5/h 100/d")]
    [InlineData("1/min", "1/m")]
    [InlineData("1000000000/m", "1000000000/m")]
    public void Parses_AndWritesBackInOneForm(string text, string expected)
    {
        Assert.True(TokenQuota.TryParse(text, out var quota, out var invalid), invalid);
        Assert.Equal(expected, quota!.ToString());
        Assert.True(TokenQuota.TryParse(quota.ToString(), out var again, out _));
        Assert.Equal(expected, again!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void NoText_IsNoQuota(string? text)
    {
        Assert.True(TokenQuota.TryParse(text, out var quota, out _));
        Assert.Null(quota);
        Assert.Equal(string.Empty, TokenQuota.Format(quota));
    }

    [Theory]
    [InlineData("60")]
    [InlineData("/m")]
    [InlineData("0/m")]
    [InlineData("-1/m")]
    [InlineData("+5/m")]
    [InlineData("1000000001/m")]
    [InlineData("99999999999999999999/m")]
    [InlineData("60/w")]
    [InlineData("60/m 70/m")]
    [InlineData("60/m/h")]
    [InlineData("6 0/m")]
    public void Refuses_WhatIsNotAQuota(string text)
    {
        Assert.False(TokenQuota.TryParse(text, out var quota, out var invalid));
        Assert.Null(quota);
        Assert.False(string.IsNullOrEmpty(invalid));
    }

    [Fact]
    public void ARate_KnowsItsWindow_AndItsPolicyName()
    {
        Assert.True(TokenRate.TryParse("3/h", out var rate));
        Assert.Equal(TimeSpan.FromHours(1), rate.Window);
        Assert.Equal("hour", rate.PolicyName);
    }
}
