namespace Tollgate.Server.Api;

/// <summary>Endpoint metadata: this API answers errors as RFC 9457 problem details (the admin API), not in Druva's shape.</summary>
internal sealed class ProblemDetailsSurface
{
    public static ProblemDetailsSurface Instance { get; } = new();

    private ProblemDetailsSurface()
    {
    }
}
