using Tollgate.Core.Clouds;

namespace Tollgate.Server.Hosting;

/// <summary>Set on every connection of a cloud's listener: which cloud the request came to.</summary>
internal sealed class CloudFeature(CloudDefinition cloud)
{
    public CloudDefinition Cloud { get; } = cloud;
}
