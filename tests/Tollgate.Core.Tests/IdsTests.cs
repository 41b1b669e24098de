using Tollgate.Core.Ids;

namespace Tollgate.Core.Tests;

public sealed class IdsTests
{
    [Theory]
    [InlineData("6F9619FF-8B86-D011-B42D-00CF4FC964FF", "6f9619ff-8b86-d011-b42d-00cf4fc964ff")]
    [InlineData("6f9619ff-8b86-d011-b42d-00cf4fc964ff", "6f9619ff-8b86-d011-b42d-00cf4fc964ff")]
    public void CustomerAndMspIds_AreGuids_InOneCanonicalSpelling(string text, string canonical)
    {
        Assert.True(CustomerId.TryParse(text, out var customer));
        Assert.True(MspId.TryParse(text, out var msp));
        Assert.Equal(canonical, customer.Value);
        Assert.Equal(canonical, msp.Value);
        Assert.Equal(CustomerId.Parse(canonical), customer); // two spellings, one key
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("acme")]
    [InlineData("{6f9619ff-8b86-d011-b42d-00cf4fc964ff}")]
    [InlineData("6f9619ff8b86d011b42d00cf4fc964ff")]
    [InlineData("6f9619ff-8b86-d011-b42d-00cf4fc964ff\u001b[2J")]
    public void CustomerAndMspIds_RefuseAnythingElse(string? text)
    {
        Assert.False(CustomerId.TryParse(text, out _));
        Assert.False(MspId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => CustomerId.Parse(text ?? string.Empty));
    }

    [Theory]
    [InlineData("McNk+4Vic/4Ldp09U==", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("tab\there", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("\u202eevil", false)]
    public void ClientIds_AreVisibleAscii(string text, bool valid)
    {
        Assert.Equal(valid, ClientId.TryParse(text, out var id));
        Assert.Equal(valid ? text : string.Empty, id.ToString());
    }

    [Fact]
    public void ClientIds_AreAtMost128Characters()
    {
        Assert.True(ClientId.TryParse(new string('a', ClientId.MaxLength), out _));
        Assert.False(ClientId.TryParse(new string('a', ClientId.MaxLength + 1), out _));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("42", true)]
    [InlineData("0", false)]
    [InlineData("-3", false)]
    [InlineData("+3", false)]
    [InlineData("3.0", false)]
    [InlineData("99999999999999999999", false)]
    public void UserIds_ArePositiveNumbers(string text, bool valid)
    {
        Assert.Equal(valid, UserId.TryParse(text, out var id));
        Assert.Equal(valid, UserId.TryFrom(valid ? id.Value : 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => UserId.From(0));
    }
}
