namespace Tollgate.Server.Options;

/// <summary><c>Tollgate:Compatibility</c>: answer exactly as the emulated service does, for integrators testing against Tollgate.</summary>
public sealed class CompatibilityOptions
{
    /// <summary>
    /// Answer a refused request (429) as Druva's service does: without <c>Retry-After</c> and without the
    /// <c>RateLimit</c>/<c>RateLimit-Policy</c> fields, so a client's back-off is tested as it will run there.
    /// </summary>
    public bool Druva { get; set; }
}
