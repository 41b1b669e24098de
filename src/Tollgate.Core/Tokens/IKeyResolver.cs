using Tollgate.Core.Clouds;

namespace Tollgate.Core.Tokens;

/// <summary>Finds the cloud of an issuer and the verification key of a <c>kid</c>.</summary>
public interface IKeyResolver
{
    bool TryGetCloudByIssuer(string issuer, out CloudDefinition cloud);

    /// <summary>
    /// The key named <paramref name="kid"/> of <paramref name="cloud"/>. When it is unknown, implementations
    /// reload the cloud's keys (rate-limited) before answering null, so a key published by another node is found.
    /// </summary>
    ValueTask<SigningKey?> FindKeyAsync(CloudName cloud, string kid, CancellationToken cancellationToken);
}
