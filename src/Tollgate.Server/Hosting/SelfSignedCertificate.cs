using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tollgate.Server.Hosting;

/// <summary>
/// The certificate of <c>serve --https</c> (<c>Tollgate:Tls:SelfSigned</c>): made once in the data folder for
/// localhost, 127.0.0.1 and ::1 (ECDSA P-256, one year), reused while it has a month left. For local use only:
/// a client trusts it by its file (<c>curl --cacert</c>), as it is its own issuer.
/// </summary>
public static class SelfSignedCertificate
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    /// <summary>The PEM certificate file a client trusts, in <paramref name="dataDirectory"/>.</summary>
    public static string CertificatePath(string dataDirectory) => Path.Combine(dataDirectory, "tls", "self-signed.pem");

    private static string KeyPath(string dataDirectory) => Path.Combine(dataDirectory, "tls", "self-signed.key");

    /// <summary>Loads the certificate with its key, making a new one first when there is none or it is about to expire.</summary>
    public static X509Certificate2 LoadOrCreate(string dataDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var certificatePath = CertificatePath(dataDirectory);
        var keyPath = KeyPath(dataDirectory);
        var now = time.GetUtcNow();
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (existing.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewBefore)
            {
                return existing;
            }

            existing.Dispose();
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Tollgate local", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Lifetime));

        var folder = Path.GetDirectoryName(certificatePath)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Write(keyPath, key.ExportPkcs8PrivateKeyPem());
        Write(certificatePath, created.ExportCertificatePem());
        return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
    }

    /// <summary>Writes <paramref name="text"/> to a file only its owner can read (the key must not leak through the umask).</summary>
    private static void Write(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(text);
    }
}
