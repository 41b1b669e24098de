using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Clouds;
using Tollgate.Core.Tokens;
using Tollgate.Server.Options;

namespace Tollgate.Server.Hosting;

/// <summary>
/// The clouds this process serves and each one's current key ring. Rings are immutable snapshots swapped
/// on reload, so the token and API paths read them without locks.
/// </summary>
internal sealed class CloudRegistry : IKeyResolver
{
    private static readonly TimeSpan UnknownKidReloadInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, CloudDefinition> _byIssuer = new(StringComparer.Ordinal);
    private readonly Dictionary<CloudName, CloudDefinition> _byName = [];
    private readonly ConcurrentDictionary<CloudName, KeyRing> _rings = new();
    private readonly ConcurrentDictionary<CloudName, long> _lastUnknownKidReload = new();
    private readonly SigningKeyService _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<CloudRegistry> _logger;

    public CloudRegistry(IOptions<TollgateServerOptions> options, SigningKeyService keys, TimeProvider time, ILogger<CloudRegistry> logger)
    {
        _keys = keys;
        _time = time;
        _logger = logger;
        foreach (var (name, settings) in options.Value.Clouds)
        {
            if (!settings.Enabled)
            {
                continue;
            }

            var issuer = (settings.Issuer ?? settings.Url).TrimEnd('/');
            var cloud = new CloudDefinition(
                CloudName.Parse(name),
                issuer,
                (settings.Audience ?? issuer).TrimEnd('/'),
                TimeSpan.FromSeconds(settings.CustomerTokenLifetimeSeconds),
                TimeSpan.FromSeconds(settings.MspTokenLifetimeSeconds));
            _byName[cloud.Name] = cloud;
            _byIssuer[cloud.Issuer] = cloud;
            _rings[cloud.Name] = KeyRing.Empty;
        }
    }

    public IEnumerable<CloudDefinition> Clouds => _byName.Values;

    public TimeSpan MaxTokenLifetime => _byName.Values.Max(c => c.MaxTokenLifetime);

    public CloudDefinition Get(CloudName name) => _byName[name];

    public bool TryGet(CloudName name, out CloudDefinition cloud) => _byName.TryGetValue(name, out cloud!);

    public KeyRing Ring(CloudName name) => _rings[name];

    public bool TryGetCloudByIssuer(string issuer, out CloudDefinition cloud) => _byIssuer.TryGetValue(issuer, out cloud!);

    public async ValueTask<SigningKey?> FindKeyAsync(CloudName cloud, string kid, CancellationToken cancellationToken)
    {
        if (!_rings.TryGetValue(cloud, out var ring))
        {
            return null;
        }

        if (ring.Find(kid) is { } key)
        {
            return key;
        }

        // An unknown kid may be a key another node or the CLI just created: reload before refusing,
        // at most once a second per cloud so garbage kids cannot make every request hit the database.
        var now = _time.GetTimestamp();
        var last = _lastUnknownKidReload.GetOrAdd(cloud, 0);
        if (last != 0 && _time.GetElapsedTime(last, now) < UnknownKidReloadInterval)
        {
            return null;
        }

        if (!_lastUnknownKidReload.TryUpdate(cloud, now, last))
        {
            return null;
        }

        await ReloadAsync(cloud, cancellationToken).ConfigureAwait(false);
        return _rings[cloud].Find(kid);
    }

    public async Task ReloadAsync(CloudName cloud, CancellationToken cancellationToken)
    {
        var ring = await _keys.LoadRingAsync(_byName[cloud], cancellationToken).ConfigureAwait(false);
        _rings[cloud] = ring;
        Log.KeysLoaded(_logger, cloud.Value, ring.Keys.Count);
    }

    public async Task ReloadAllAsync(CancellationToken cancellationToken)
    {
        foreach (var cloud in _byName.Keys)
        {
            await ReloadAsync(cloud, cancellationToken).ConfigureAwait(false);
        }
    }
}
