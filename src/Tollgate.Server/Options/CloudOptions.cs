namespace Tollgate.Server.Options;

/// <summary>One cloud's listener and token settings (<c>Tollgate:Clouds:NAME:…</c>).</summary>
public sealed class CloudOptions
{
    /// <summary>Whether this process serves the cloud.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The listener, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The public base URL, used as <c>iss</c>; defaults to <see cref="Url"/>. Set it behind a proxy.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> of its tokens; defaults to the issuer (the APIs live on the same host).</summary>
    public string? Audience { get; set; }

    /// <summary>Customer token lifetime in seconds (Druva: 1800; Endpoints GovCloud 900).</summary>
    public int CustomerTokenLifetimeSeconds { get; set; } = 1800;

    /// <summary>MSP token lifetime in seconds (Druva: 900).</summary>
    public int MspTokenLifetimeSeconds { get; set; } = 900;

    /// <summary>
    /// The token quota of every credential of this cloud that has none of its own ("600/m", "100/m 20000/d");
    /// none by default. Per node: behind a load balancer over N nodes, a client gets up to N times it.
    /// </summary>
    public string? Quota { get; set; }
}
