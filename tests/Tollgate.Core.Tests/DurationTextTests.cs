using Tollgate.Core.Administration;

namespace Tollgate.Core.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("24h", 86400)]
    [InlineData("7d", 604800)]
    public void Parses_ACountAndAUnit(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var span));
        Assert.Equal(TimeSpan.FromSeconds(seconds), span);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("+1d")]
    [InlineData("1w")]
    [InlineData("1.5h")]
    [InlineData("100001d")]
    [InlineData("99999999999999999999d")]
    public void Refuses_AnythingElse(string? text) => Assert.False(DurationText.TryParse(text, out _));
}
