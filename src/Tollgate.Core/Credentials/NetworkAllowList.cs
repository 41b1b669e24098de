using System.Net;

namespace Tollgate.Core.Credentials;

/// <summary>The networks a credential may be used from; empty means anywhere.</summary>
public sealed class NetworkAllowList
{
    public static readonly NetworkAllowList Anywhere = new([]);

    private readonly IPNetwork[] _networks;

    private NetworkAllowList(IPNetwork[] networks) => _networks = networks;

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public bool IsEmpty => _networks.Length == 0;

    /// <summary>Parses CIDR blocks ("10.0.0.0/8", "2001:db8::/32") or single addresses.</summary>
    public static bool TryParse(IEnumerable<string?> entries, out NetworkAllowList list, out string? invalid)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            // A JSON body can carry a null where a CIDR belongs: that is bad input, like any other non-network.
            var text = entry?.Trim() ?? string.Empty;
            if (IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(text, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                list = Anywhere;
                invalid = entry ?? "null";
                return false;
            }
        }

        list = networks.Count == 0 ? Anywhere : new NetworkAllowList([.. networks]);
        invalid = null;
        return true;
    }

    public bool Allows(IPAddress? remote)
    {
        if (_networks.Length == 0)
        {
            return true;
        }

        if (remote is null)
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(remote))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => string.Join(' ', _networks);
}
