using System.Text;
using Tollgate.Core.Authentication;
using Tollgate.Core.OAuth;

namespace Tollgate.Core.Tests;

public sealed class ClientCredentialsParserTests
{
    private const string Id = "McNk+4Vic/4Ldp09U==";
    private const string Secret = "Xmc8j5+6N/RbRNNyPt=";

    private static readonly Dictionary<string, string> NoForm = [];

    [Fact]
    public void Parse_RawBasic_ReturnsValuesAsSent()
    {
        var result = ClientCredentialsParser.Parse("Basic " + B64($"{Id}:{Secret}"), NoForm);

        Assert.True(result.Succeeded);
        Assert.Equal(new ClientCredentials(Id, Secret, ClientAuthMethod.ClientSecretBasic), result.Value);
    }

    [Fact]
    public void Parse_FormEncodedBasic_DecodesEachPart()
    {
        var result = ClientCredentialsParser.Parse("basic " + B64($"{Uri.EscapeDataString(Id)}:{Uri.EscapeDataString(Secret)}"), NoForm);

        Assert.Equal(Id, result.Value!.Value.ClientId);
        Assert.Equal(Secret, result.Value.Value.Secret);
    }

    [Fact]
    public void Parse_SecretWithColon_SplitsAtFirstColon()
    {
        var result = ClientCredentialsParser.Parse("Basic " + B64("id:se:cret"), NoForm);

        Assert.Equal("se:cret", result.Value!.Value.Secret);
    }

    [Fact]
    public void Parse_ClientSecretPost_ReturnsPostMethod()
    {
        var result = ClientCredentialsParser.Parse(null, new Dictionary<string, string> { ["client_id"] = Id, ["client_secret"] = Secret });

        Assert.Equal(ClientAuthMethod.ClientSecretPost, result.Value!.Value.Method);
    }

    [Fact]
    public void Parse_Nothing_ReturnsNoCredentials()
    {
        var result = ClientCredentialsParser.Parse(null, NoForm);

        Assert.True(result.Succeeded);
        Assert.Null(result.Value);
    }

    public static TheoryData<string, string?, string[], string> Failures => new()
    {
        { "two methods", "Basic " + B64($"{Id}:{Secret}"), ["client_secret", Secret], OAuthErrors.InvalidRequest },
        { "other client_id", "Basic " + B64($"{Id}:{Secret}"), ["client_id", "other"], OAuthErrors.InvalidRequest },
        { "secret without id", null, ["client_secret", Secret], OAuthErrors.InvalidRequest },
        { "not base64", "Basic ***", [], OAuthErrors.InvalidClient },
        { "no colon", "Basic " + B64("abc"), [], OAuthErrors.InvalidClient },
        { "empty id", "Basic " + B64(":abc"), [], OAuthErrors.InvalidClient },
        { "empty Basic", "Basic ", [], OAuthErrors.InvalidClient },
        { "Bearer", "Bearer abc", [], OAuthErrors.InvalidClient },
        { "Bearer beside client_secret_post", "Bearer abc", ["client_id", Id, "client_secret", Secret], OAuthErrors.InvalidClient },
        { "malformed Basic beside client_secret_post", "Basic ***", ["client_id", Id, "client_secret", Secret], OAuthErrors.InvalidRequest },
        { "too long", "Basic " + new string('A', 5000), [], OAuthErrors.InvalidClient },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Parse_BadInput_ReturnsError(string name, string? authorization, string[] form, string error)
    {
        _ = name;
        var parameters = new Dictionary<string, string>();
        for (var i = 0; i < form.Length; i += 2)
        {
            parameters[form[i]] = form[i + 1];
        }

        var result = ClientCredentialsParser.Parse(authorization, parameters);

        Assert.False(result.Succeeded);
        Assert.Equal(error, result.Error.Code);
    }

    [Fact]
    public void Methods_EachReadOnlyTheirOwnPart_AndAreListedByName()
    {
        var basic = new ClientSecretBasic();
        var post = new ClientSecretPost();
        var form = new Dictionary<string, string> { ["client_id"] = Id, ["client_secret"] = Secret };

        Assert.Null(basic.Read(null, form).Value); // the body is not Basic's
        Assert.Null(post.Read("Basic " + B64($"{Id}:{Secret}"), NoForm).Value); // the header is not post's
        Assert.Equal(ClientAuthMethod.ClientSecretPost, post.Read(null, form).Value?.Method);
        var assertion = new PrivateKeyJwt();
        Assert.Null(assertion.Read("Basic " + B64($"{Id}:{Secret}"), form).Value); // neither the header nor a secret is an assertion
        var jwt = B64Url("""{"alg":"ES256"}""") + "." + B64Url($$"""{"sub":"{{Id}}"}""") + ".c2ln";
        var read = assertion.Read(null, new Dictionary<string, string> { ["client_assertion_type"] = PrivateKeyJwt.AssertionType, ["client_assertion"] = jwt });
        Assert.Equal((Id, ClientAuthMethod.PrivateKeyJwt), (read.Value?.ClientId, read.Value?.Method)); // the client id is the assertion's sub
        Assert.Equal(["client_secret_basic", "client_secret_post", "private_key_jwt"], ClientCredentialsParser.Methods.Select(m => m.Name));
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string B64Url(string text) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(text);
}
