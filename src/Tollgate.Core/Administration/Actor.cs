using System.Net;

namespace Tollgate.Core.Administration;

/// <summary>
/// Who asks for an administrative operation, and from where: what the audit trail records beside the change.
/// <paramref name="Name"/> is one format everywhere: <c>cli:USER</c>, <c>client:CLIENT_ID</c>, <c>system</c>.
/// </summary>
public sealed record Actor(string Name, IPAddress? Source = null)
{
    /// <summary>Tollgate itself (the key schedule, seeding).</summary>
    public static Actor System { get; } = new("system");

    /// <summary>An operator at the command line.</summary>
    public static Actor Cli(string user) => new("cli:" + user);

    /// <summary>An API client, by its client id.</summary>
    public static Actor Client(string clientId, IPAddress? source) => new("client:" + clientId, source);
}
