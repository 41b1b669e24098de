namespace Tollgate.Server.OAuth;

/// <summary>
/// Endpoint metadata: this endpoint answers errors in OAuth's shape (RFC 6749 §5.2), also when the failure
/// happens outside its handler (the store went away mid-request). Endpoints without it are protected APIs.
/// </summary>
internal sealed class OAuthSurface
{
    public static OAuthSurface Instance { get; } = new();

    private OAuthSurface()
    {
    }
}
