using Tollgate.Core.Clouds;
using Tollgate.Core.Tokens;

namespace Tollgate.Core.Tests;

/// <summary>Signing keys by cloud and kid, as the server's registry resolves them, for validators under test.</summary>
internal sealed class TestKeyResolver : IKeyResolver
{
    private readonly Dictionary<string, CloudDefinition> _clouds = [];
    private readonly Dictionary<string, SigningKey> _keys = [];

    public void Add(CloudDefinition cloud, SigningKey key)
    {
        _clouds[cloud.Issuer] = cloud;
        _keys[cloud.Name.Value + "/" + key.Kid] = key;
    }

    public bool TryGetCloudByIssuer(string issuer, out CloudDefinition cloud) => _clouds.TryGetValue(issuer, out cloud!);

    public ValueTask<SigningKey?> FindKeyAsync(CloudName cloud, string kid, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.GetValueOrDefault(cloud.Value + "/" + kid));
}
