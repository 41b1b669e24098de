using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using Tollgate.Core.Credentials;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>
/// A bounded fuzz run against a live host on loopback: generated methods, paths, headers and bodies at every
/// endpoint (the OAuth ones, the users and MSP APIs, the admin API, the console's forms). Whatever arrives, the
/// answer is never a 5xx and never shows a stack trace; the host still serves a new client afterwards.
/// </summary>
public sealed class WireFuzzTests
{
    private const long Requests = 1_500;

    private static readonly string[] Paths =
    [
        "/token", "/msp/auth/v1/token", "/introspect", "/revoke", "/.well-known/oauth-authorization-server", "/.well-known/jwks.json",
        "/insync/usermanagement/v1/users", "/insync/usermanagement/v1/users/1", "/msp/v2/customers/{customer}/token", "/msp/v3/customers",
        "/msp/v3/customers/{customer}", "/admin/v1/credentials", "/admin/v1/credentials/{client}", "/admin/v1/credentials/{client}/rotate",
        "/admin/v1/msps", "/admin/v1/customers", "/admin/v1/keys", "/admin/v1/audit", "/admin/v1/administrators", "/console/sign-in",
        "/console/credentials/new", "/health/ready", "/openapi/v1.json",
    ];

    private static readonly Gen<string> Text = Gen.OneOf(Gen.String[0, 60], Gen.String[Gen.Char['!', '~'], 0, 60], Gen.Const(string.Empty));

    private static Gen<T> Pick<T>(T[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    [Fact]
    public async Task GeneratedRequests_NeverGetA5xxOrAStackTrace()
    {
        await using var host = await TestHost.StartAsync();
        var customer = await host.CreateCustomerCredentialAsync();
        var admin = await host.CreateAdminCredentialAsync(AdminRole.CloudAdmin);
        var bearer = await host.GetTokenAsync(admin);
        var client = host.Client();

        var method = Gen.OneOf(Gen.Const(HttpMethod.Get), Gen.Const(HttpMethod.Post), Gen.Const(HttpMethod.Patch), Gen.Const(HttpMethod.Delete), Gen.Const(HttpMethod.Put));
        var path = Gen.Select(Pick(Paths), Text).Select((p, noise) =>
            p.Replace("{customer}", noise.Length % 2 == 0 ? customer.OwnerId : Uri.EscapeDataString(noise), StringComparison.Ordinal)
             .Replace("{client}", Uri.EscapeDataString(noise.Length % 3 == 0 ? customer.ClientId : noise), StringComparison.Ordinal)
            + (noise.Length % 5 == 0 ? "?pageToken=" + Uri.EscapeDataString(noise) + "&pageSize=" + Uri.EscapeDataString(noise) : string.Empty));
        var authorization = Gen.OneOf(
            Gen.Const((string?)null),
            Text.Select(t => (string?)("Bearer " + t)),
            Gen.Const<string?>("Bearer " + bearer),
            Text.Select(t => (string?)("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(t)))),
            Gen.Const<string?>("Basic " + customer.RawBasic),
            Text.Select(t => (string?)t));
        var contentType = Pick(
        [
            "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-7", "application/json", "application/json; charset=utf-32",
            "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=\"", string.Empty,
        ]);
        var body = Gen.OneOf(
            Text,
            Gen.Select(Text, Text).Select((a, b) => $"grant_type={Uri.EscapeDataString(a)}&scope={Uri.EscapeDataString(b)}&token={Uri.EscapeDataString(a)}"),
            Gen.Select(Text, Text).Select((a, b) => $$"""{"name":{{System.Text.Json.JsonSerializer.Serialize(a)}},"ownerKind":"customer","ownerId":{{System.Text.Json.JsonSerializer.Serialize(b)}},"allow":[{{System.Text.Json.JsonSerializer.Serialize(a)}}]}"""),
            Gen.Const("{\"allow\":[null],\"scope\":7,\"name\":{}}"),
            Gen.Const("grant_type=client_credentials&grant_type=client_credentials"),
            Gen.Byte.Array[0, 200].Select(b => Encoding.Latin1.GetString(b)));

        var failures = new List<string>();
        await Gen.Select(method, path, authorization, contentType, body).SampleAsync(async (m, p, auth, type, content) =>
        {
            using var request = new HttpRequestMessage(m, p);
            if (auth is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", auth);
            }

            if (m != HttpMethod.Get)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
                if (type.Length > 0)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                }
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 || text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
            {
                lock (failures)
                {
                    failures.Add($"{m} {p} [{type}] {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
                }
            }
        }, iter: Requests, threads: 1);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The run may have revoked or rotated its credentials through the admin API; a new one still gets a token.
        using var token = await host.RequestTokenAsync(await host.CreateCustomerCredentialAsync());
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }
}
