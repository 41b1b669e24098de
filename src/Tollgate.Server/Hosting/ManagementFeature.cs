namespace Tollgate.Server.Hosting;

/// <summary>
/// Set on every connection of the management listener (<c>Tollgate:Metrics:Listen</c>): it serves the scrape
/// endpoint and the health probes, nothing of any cloud.
/// </summary>
internal sealed class ManagementFeature
{
    public static ManagementFeature Instance { get; } = new();

    private ManagementFeature()
    {
    }
}
