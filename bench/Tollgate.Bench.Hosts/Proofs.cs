using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tollgate.Bench.Hosts;

/// <summary>
/// Signed one-time JWTs for the benchmark's load generator, which cannot sign: COUNT client assertions (private_key_jwt)
/// or DPoP proofs, one per line, made just before the run that uses them (each is good once, and a proof for a minute).
/// </summary>
internal static class Proofs
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static async Task<int> RunAsync(string issuer, string data, string kind, int count, string output)
    {
        using var clientKey = Load(Path.Combine(data, "keyed.pem"));
        using var dpopKey = Load(Path.Combine(data, "dpop.pem"));
        var clientId = (await File.ReadAllTextAsync(Path.Combine(data, "keyed.txt"))).Trim();
        var now = DateTimeOffset.UtcNow;
        var lines = new StringBuilder(count * 700);
        switch (kind)
        {
            case "assertion":
                for (var i = 0; i < count; i++)
                {
                    lines.Append("grant_type=client_credentials&scope=read&client_assertion_type=").Append(Uri.EscapeDataString(AssertionType))
                        .Append("&client_assertion=").Append(Assertion(clientKey, clientId, issuer + "/token", now)).Append('\n');
                }

                break;
            case "dpop-token":
                for (var i = 0; i < count; i++)
                {
                    lines.Append(Proof(dpopKey, "POST", issuer + "/token", null, now)).Append('\n');
                }

                break;
            case "dpop-get":
                var token = await BoundTokenAsync(issuer, data, dpopKey);
                for (var i = 0; i < count; i++)
                {
                    lines.Append(Proof(dpopKey, "GET", issuer + "/bench/protected", token, now)).Append('\n');
                }

                break;
            default:
                Console.Error.WriteLine("kind: assertion, dpop-token or dpop-get");
                return 2;
        }

        await File.WriteAllTextAsync(output, lines.ToString());
        return 0;
    }

    /// <summary>A keyed credential for the bench server: its client id and private key, and a DPoP key, in DATA.</summary>
    public static async Task<string> NewKeysAsync(string data)
    {
        using var client = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var dpop = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(Path.Combine(data, "keyed.pem"), client.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(Path.Combine(data, "dpop.pem"), dpop.ExportPkcs8PrivateKeyPem());
        return client.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>The DPoP-bound token the GET proofs are for: obtained once with the bench credential, then reused.</summary>
    private static async Task<string> BoundTokenAsync(string issuer, string data, ECDsa key)
    {
        var file = Path.Combine(data, "dpop-token.txt");
        if (File.Exists(file))
        {
            return (await File.ReadAllTextAsync(file)).Trim();
        }

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, issuer + "/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "read")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", (await File.ReadAllTextAsync(Path.Combine(data, "basic.txt"))).Trim());
        request.Headers.TryAddWithoutValidation("DPoP", Proof(key, "POST", issuer + "/token", null, DateTimeOffset.UtcNow));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        await File.WriteAllTextAsync(Path.Combine(data, "dpop-token.txt"), token);
        return token;
    }

    private static ECDsa Load(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    private static string Assertion(ECDsa key, string clientId, string audience, DateTimeOffset now) =>
        Sign(key, """{"alg":"ES256"}""", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = audience,
            ["jti"] = Id(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.ToUnixTimeSeconds() + 240,
        }));

    private static string Proof(ECDsa key, string method, string url, string? token, DateTimeOffset now)
    {
        var q = key.ExportParameters(false).Q;
        var header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + B64(q.X!) + "\",\"y\":\"" + B64(q.Y!) + "\"}}";
        var claims = new Dictionary<string, object> { ["jti"] = Id(), ["htm"] = method, ["htu"] = url, ["iat"] = now.ToUnixTimeSeconds() };
        if (token is not null)
        {
            claims["ath"] = B64(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
        }

        return Sign(key, header, JsonSerializer.Serialize(claims));
    }

    private static string Sign(ECDsa key, string header, string claims)
    {
        var input = B64(Encoding.UTF8.GetBytes(header)) + "." + B64(Encoding.UTF8.GetBytes(claims));
        return input + "." + B64(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
    }

    private static string Id() => B64(RandomNumberGenerator.GetBytes(16));

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
