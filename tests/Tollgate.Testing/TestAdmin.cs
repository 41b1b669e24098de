using Tollgate.Core.Administration;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Storage;

namespace Tollgate.Testing;

/// <summary>
/// The administrator's operations as a test calls them: the real application services on the store (what the
/// CLI does from another process), with expected failures turned into exceptions a test cannot miss.
/// </summary>
public sealed class TestAdmin(TollgateStore store, string actor = "test")
{
    private readonly Actor _actor = new("cli:" + actor);

    public TenantService Tenants { get; } = new(store.Msps, store.Customers, store.Time);

    public CredentialService Credentials => new(store.Credentials, Tenants, store.Time);

    public SigningKeyService Keys => new(store.SigningKeys, store.Protector, store.Time);

    public async Task<MspRecord> CreateMspAsync(CloudName cloud, string name) => Ok(await Tenants.CreateMspAsync(cloud, name, _actor));

    public async Task<CustomerRecord> CreateCustomerAsync(CloudName cloud, string name, string? mspId) =>
        Ok(await Tenants.CreateCustomerAsync(cloud, name, mspId, null, _actor));

    public async Task<CreatedCredential> CreateCredentialAsync(OwnerKind owner, string ownerId, string name, ScopeSet scopes, IReadOnlyCollection<string> allow) =>
        Ok(await Credentials.CreateAsync(owner, ownerId, name, scopes, allow, _actor));

    public async Task<CreatedCredential> CreateCredentialAsync(CredentialSpec spec) => Ok(await Credentials.CreateAsync(spec, _actor));

    public async Task<CredentialRecord> RevokeCredentialAsync(string clientId) => Ok(await Credentials.RevokeAsync(clientId, _actor));

    public async Task<CredentialRecord> UpdateCredentialAsync(string clientId, CredentialChanges changes) => Ok(await Credentials.UpdateAsync(clientId, changes, _actor));

    public async Task<CreatedCredential> RotateCredentialAsync(string clientId, TimeSpan? grace = null) => Ok(await Credentials.RotateAsync(clientId, _actor, grace: grace));

    public Task<StoredSigningKey> RotateKeysNowAsync(CloudName cloud, string algorithm = "ES256") => Keys.RotateNowAsync(cloud, algorithm, _actor);

    /// <summary>Every audit event (oldest first).</summary>
    public Task<IReadOnlyList<AuditEvent>> AuditAsync() => store.Audit.ListAsync(new AuditQuery(Limit: 100_000), CancellationToken.None);

    private static T Ok<T>(AdminResult<T> result) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException($"{result.Error.Kind}: {result.Error.Message}");
}
