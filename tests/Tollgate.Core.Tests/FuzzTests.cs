using System.Text;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Tollgate.Core.Authentication;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.Paging;
using Tollgate.Core.Tokens;

namespace Tollgate.Core.Tests;

/// <summary>
/// Property-based fuzzing (CsCheck) of everything that reads untrusted text: thousands of generated inputs each,
/// never an exception, and the properties that must hold for well-formed ones. A failure prints the seed to replay.
/// </summary>
public sealed class FuzzTests
{
    private const long Iterations = 5_000;

    private static readonly CloudDefinition Mainline = new(CloudName.Mainline, "https://apis.example", "https://apis.example", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15));

    /// <summary>Anything a client might send: any characters, printable ASCII, base64-ish, and the empty string.</summary>
    private static readonly Gen<string> Text = Gen.OneOf(Gen.String, Gen.String[Gen.Char['!', '~'], 0, 80], Gen.String[Gen.Char["ABCDEFabcdef0123456789+/=-_.:"], 0, 80], Gen.Const(string.Empty));

    private static readonly Gen<string> Authorization = Gen.OneOf(
        Text,
        Text.Select(t => "Basic " + t),
        Text.Select(t => "basic  " + t + " "),
        Gen.Byte.Array[0, 120].Select(b => "Basic " + Convert.ToBase64String(b)),
        Text.Select(t => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(t))));

    private static readonly Gen<Dictionary<string, string>> Form = Gen.Select(Text, Text, Gen.Int[0, 3]).Select((id, secret, which) =>
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((which & 1) != 0)
        {
            form["client_id"] = id;
        }

        if ((which & 2) != 0)
        {
            form["client_secret"] = secret;
        }

        return form;
    });

    [Fact]
    public void ClientCredentials_AnyHeaderAndForm_IsAValueOrAnError_NeverAnException() =>
        Gen.Select(Gen.OneOf(Authorization, Gen.Const((string)null!)), Form).Sample((header, form) =>
        {
            var parsed = ClientCredentialsParser.Parse(header, form);
            Assert.True(parsed.Succeeded || parsed.Error is not null);
        }, iter: Iterations, threads: 1);

    /// <summary>JWT-shaped text: three base64url parts of any JSON-ish or random content, or anything at all.</summary>
    private static readonly Gen<string> JwtLike = Gen.OneOf(
        Text,
        Gen.Select(Text, Text, Text).Select((h, p, s) => string.Join('.', B64(h), B64(p), B64(s))),
        Gen.Select(Gen.OneOf(Gen.Const("ES256"), Gen.Const("RS256"), Gen.Const("PS256"), Gen.Const("none"), Text), Text, Gen.OneOf(Gen.Const("dpop+jwt"), Text)).Select((alg, claim, typ) =>
            string.Join('.', B64($$$"""{"alg":"{{{alg}}}","typ":"{{{typ}}}","jwk":{"kty":"EC","crv":"P-256","x":"{{{claim}}}","y":"AA"}}"""), B64($$$"""{"sub":"{{{claim}}}","exp":{{{claim.Length}}},"htm":"GET","htu":"{{{claim}}}"}"""), B64(claim))));

    private static string B64(string text) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(text);

    [Fact]
    public void ClientAssertions_AndDpopProofs_AnyText_IsRefusedWithAReason_NeverAnException()
    {
        var validator = new Keys.DpopProofValidator();
        var credential = new CredentialRecord("c", CloudName.Mainline, OwnerKind.Customer, "o", "n", ScopeSet.All, NetworkAllowList.Anywhere, 1, [], null, null,
            ClientKeys: Keys.ClientKeySet.TryParse("""{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""", out _));
        JwtLike.Sample(jwt =>
        {
            var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["client_assertion_type"] = PrivateKeyJwt.AssertionType, ["client_assertion"] = jwt };
            var read = ClientCredentialsParser.Parse(null, form);
            Assert.True(read.Succeeded || read.Error is not null);
            var checkedAssertion = ClientAssertions.Check(jwt, credential, ["https://apis.example"], DateTimeOffset.UtcNow);
            Assert.False(checkedAssertion.Succeeded);
            Assert.False(string.IsNullOrEmpty(checkedAssertion.Error!.Description));
            var proof = validator.Validate(jwt, "GET", "https://apis.example/x", "token", DateTimeOffset.UtcNow);
            Assert.False(proof.Succeeded);
            _ = Keys.ClientKeySet.TryParse(jwt, out _);
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void ClientSecretBasic_RoundTrips_AnyIdWithoutAColon_AndAnySecret() =>
        Gen.Select(Gen.String[Gen.Char['!', '~'], 1, 60].Where(s => !s.Contains(':', StringComparison.Ordinal)), Gen.String[Gen.Char['!', '~'], 1, 60]).Sample((id, secret) =>
        {
            // RFC 6749 §2.3.1: each part form-urlencoded, then base64 of "id:secret".
            var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(id) + ":" + Uri.EscapeDataString(secret)));
            var parsed = ClientCredentialsParser.Parse(header, new Dictionary<string, string>());
            Assert.True(parsed.Succeeded, parsed.Error?.Description);
            Assert.Equal(id, parsed.Value!.Value.ClientId);
            Assert.Equal(secret, parsed.Value.Value.Secret);
        }, iter: Iterations, threads: 1);

    [Fact]
    public void PageTokens_AnyText_IsRefusedOrRead_AndOnlyTheirOwnQueryReadsThem()
    {
        // Keys are ids (GUIDs, Client IDs, numbers): printable, 1 to 128 bytes.
        Gen.Select(Text, Text, Gen.String[Gen.Char['!', '~'], 1, 100], Text).Sample((pageSize, token, key, query) =>
        {
            _ = PageRequest.TryRead(pageSize, token, query, 50, 200, out _, out _);
            Assert.False(PageToken.TryRead(token, query, out _) && token.Length == 0);
            Assert.True(PageToken.TryRead(PageToken.Create(key, query), query, out var after));
            Assert.Equal(key, after);
            Assert.False(PageToken.TryRead(PageToken.Create(key, query), query + "x", out _));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Ids_AndAllowLists_AnyText_ParseOrRefuse_NeverThrow() =>
        Text.Sample(text =>
        {
            _ = ClientId.TryParse(text, out _);
            _ = CustomerId.TryParse(text, out _);
            _ = MspId.TryParse(text, out _);
            _ = UserId.TryParse(text, out _);
            _ = NetworkAllowList.TryParse([text], out _, out _);
            _ = Scopes.TryParse(text, out _);
        }, iter: Iterations, threads: 1);

    [Fact]
    public async Task BearerTokens_AnyTextOrATamperedToken_IsRefused_NeverThrows()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var keys = new TestKeyResolver();
        var key = KeyTests.Key("k1", time.GetUtcNow().AddDays(-1));
        keys.Add(Mainline, key);
        var token = new AccessTokenIssuer().Issue(Mainline, key, new TokenSubject("client-1", OwnerKind.Customer, "cust-1", null, ScopeSet.All), time.GetUtcNow()).AccessToken;
        var validator = new AccessTokenValidator(keys, new RevocationList(), time);
        Assert.True((await validator.ValidateAsync(token, CancellationToken.None)).Succeeded);

        var signingInput = token.LastIndexOf('.');
        var segment = Gen.OneOf(Text, Text.Select(t => Convert.ToBase64String(Encoding.UTF8.GetBytes(t)).TrimEnd('=').Replace('+', '-').Replace('/', '_')));
        var tampered = Gen.Select(Gen.Int[0, signingInput - 1], Gen.Char['!', '~']).Where((at, c) => token[at] != c).Select((at, c) => string.Concat(token.AsSpan(0, at), c.ToString(), token.AsSpan(at + 1)));
        var candidates = Gen.OneOf(
            Text,
            Gen.Select(segment, segment, segment).Select((h, p, s) => $"{h}.{p}.{s}"),
            Gen.Select(segment, segment).Select((h, p) => $"{h}.{p}.{token[(signingInput + 1)..]}"),
            tampered);
        await candidates.SampleAsync(async candidate =>
        {
            var result = await validator.ValidateAsync(candidate, CancellationToken.None);
            Assert.False(result.Succeeded, candidate);
            Assert.False(validator.TryValidateCached(candidate, out var cached) && cached.Succeeded, candidate);
        }, iter: Iterations, threads: 1);
    }
}
