namespace Tollgate.Server.Options;

/// <summary>Token signing and the key rotation schedule (<c>Tollgate:Signing:…</c>).</summary>
public sealed class SigningOptions
{
    /// <summary>ES256 (default) or RS256.</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>How long a key signs before the next one takes over.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the next key is published in JWKS before it signs, so caching validators learn it first.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the schedule is checked.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
