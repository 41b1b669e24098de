using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Client;
using Tollgate.Server.Hosting;
using Tollgate.Testing;

namespace Tollgate.Interop.Tests;

/// <summary>
/// <c>https://</c> listeners with a certificate from Kestrel's own settings (PEM, PFX): curl over HTTP/2 and
/// HTTP/1.1, Tollgate.Client trusting the certificate, the issuer following the scheme, HSTS by option.
/// </summary>
public sealed class TlsTests
{
    /// <summary>A certificate for 127.0.0.1 in PEM files (and the same as a PFX), as an operator would configure it.</summary>
    private sealed class TestCertificate : IDisposable
    {
        public TestCertificate()
        {
            Folder = Directory.CreateTempSubdirectory("tollgate-tls-").FullName;
            using var made = SelfSignedCertificate.LoadOrCreate(Folder, TimeProvider.System);
            CertificatePem = SelfSignedCertificate.CertificatePath(Folder);
            KeyPem = Path.Combine(Folder, "tls", "self-signed.key");
            Pfx = Path.Combine(Folder, "server.pfx");
            File.WriteAllBytes(Pfx, made.Export(X509ContentType.Pfx, PfxPassword));
            Certificate = X509CertificateLoader.LoadCertificateFromFile(CertificatePem);
        }

        public const string PfxPassword = "correct horse";

        public string Folder { get; }

        public string CertificatePem { get; }

        public string KeyPem { get; }

        public string Pfx { get; }

        public X509Certificate2 Certificate { get; }

        public void Dispose() => Certificate.Dispose();
    }

    private static Dictionary<string, string?> Https(Dictionary<string, string?> certificate, bool hsts = false)
    {
        var settings = new Dictionary<string, string?>(certificate)
        {
            ["Tollgate:Clouds:mainline:Url"] = $"https://127.0.0.1:{FreePort.Next()}",
            ["Tollgate:Tls:Hsts"] = hsts ? "true" : "false",
        };
        return settings;
    }

    [Fact]
    public async Task PemCertificate_CurlGetsATokenOverHttp2_CallsTheApi_TheIssuerIsHttps_AndHstsIsSent()
    {
        using var tls = new TestCertificate();
        await using var host = await TestHost.StartAsync(settings: Https(new()
        {
            ["Kestrel:Certificates:Default:Path"] = tls.CertificatePem,
            ["Kestrel:Certificates:Default:KeyPath"] = tls.KeyPem,
        }, hsts: true));
        Assert.StartsWith("https://127.0.0.1:", host.Mainline, StringComparison.Ordinal);
        var credential = await host.CreateCustomerCredentialAsync();

        var token = await ExternalProcess.RunAsync("curl", ["-s", "--http2", "--cacert", tls.CertificatePem, "-D", "-", "-u", $"{credential.ClientId}:{credential.Secret}", "-d", "grant_type=client_credentials", $"{host.Mainline}/token"]);
        Assert.Equal(0, token.ExitCode);
        var (headers, body) = Split(token.Stdout);
        Assert.StartsWith("HTTP/2 200", headers, StringComparison.Ordinal);
        Assert.Contains("strict-transport-security: max-age=31536000", headers, StringComparison.OrdinalIgnoreCase);
        var accessToken = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;

        var api = await ExternalProcess.RunAsync("curl", ["-s", "--http1.1", "--cacert", tls.CertificatePem, "-w", "\n%{http_version} %{http_code}", "-H", $"Authorization: Bearer {accessToken}", $"{host.Mainline}/insync/usermanagement/v1/users"]);
        Assert.EndsWith("1.1 200", api.Stdout, StringComparison.Ordinal);

        var metadata = await ExternalProcess.RunAsync("curl", ["-s", "--cacert", tls.CertificatePem, $"{host.Mainline}/.well-known/oauth-authorization-server"]);
        var document = JsonDocument.Parse(metadata.Stdout).RootElement;
        Assert.Equal(host.Mainline, document.GetProperty("issuer").GetString());
        Assert.StartsWith("https://", document.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        var claims = JsonDocument.Parse(Base64UrlDecode(accessToken.Split('.')[1])).RootElement;
        Assert.Equal(host.Mainline, claims.GetProperty("iss").GetString());

        // Without trusting the certificate, curl refuses it: the listener is really TLS with this certificate.
        var untrusted = await ExternalProcess.RunAsync("curl", ["-s", "-o", "/dev/null", $"{host.Mainline}/health/live"]);
        Assert.Equal(60, untrusted.ExitCode); // CURLE_PEER_FAILED_VERIFICATION

        // The plain-HTTP clouds of the same host send no HSTS.
        var plain = await ExternalProcess.RunAsync("curl", ["-s", "-D", "-", "-o", "/dev/null", $"{host.Issuers["govcloud"]}/health/live"]);
        Assert.DoesNotContain("strict-transport-security", plain.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PfxCertificate_TheSdkTrustingIt_GetsTokensAndCallsTheApi()
    {
        using var tls = new TestCertificate();
        await using var host = await TestHost.StartAsync(settings: Https(new()
        {
            ["Kestrel:Certificates:Default:Path"] = tls.Pfx,
            ["Kestrel:Certificates:Default:Password"] = TestCertificate.PfxPassword,
        }));
        var credential = await host.CreateCustomerCredentialAsync();

        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions =
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { tls.Certificate },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        }));
        services.AddHttpClient("druva", c => c.DefaultRequestVersion = HttpVersion.Version20).AddTollgateClientCredentials(o =>
        {
            o.Cloud = TollgateCloud.FromBaseAddress(host.Mainline);
            o.ClientId = credential.ClientId;
            o.SecretKey = credential.Secret;
        });
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("druva");

        using var response = await http.GetAsync(new Uri("insync/usermanagement/v1/users", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // off unless asked for
    }

    private static (string Headers, string Body) Split(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (response[..end], response[(end + 4)..]);
    }

    private static string Base64UrlDecode(string text) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=')));
}
