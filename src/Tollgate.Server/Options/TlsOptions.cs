namespace Tollgate.Server.Options;

/// <summary>
/// <c>Tollgate:Tls</c>: what goes with the <c>https://</c> listeners. Their certificate is Kestrel's own setting,
/// <c>Kestrel:Certificates:Default</c> (<c>Path</c> to a PEM or PFX file, <c>KeyPath</c> for a PEM key,
/// <c>Password</c> for a PFX or an encrypted key).
/// </summary>
public sealed class TlsOptions
{
    /// <summary>
    /// Serve every cloud over HTTPS with a self-signed certificate made in the data folder (<c>serve --https</c>):
    /// for local use, where there is no certificate to configure.
    /// </summary>
    public bool SelfSigned { get; set; }

    /// <summary>Send <c>Strict-Transport-Security</c> on HTTPS answers (RFC 6797). Off by default: once sent, browsers remember it.</summary>
    public bool Hsts { get; set; }

    /// <summary>The HSTS <c>max-age</c>.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
