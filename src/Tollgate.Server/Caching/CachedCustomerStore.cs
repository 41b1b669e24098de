using System.Collections.Concurrent;
using Tollgate.Core.Clouds;
using Tollgate.Core.Ids;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Caching;

/// <summary>
/// The customer store with who manages every customer in memory: a decorator, loaded at start, written
/// through and kept current by the change feed. Minting a customer token asks only this, so an unknown
/// customer and a customer of another MSP take the same path and the same time.
/// </summary>
internal sealed class CachedCustomerStore(ICustomerStore inner) : ICustomerStore
{
    private readonly ConcurrentDictionary<CustomerId, CustomerOwnership> _owners = new();

    public int Count => _owners.Count;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await foreach (var owner in inner.ReadOwnershipAsync(cancellationToken).ConfigureAwait(false))
        {
            _owners[owner.CustomerId] = owner;
        }
    }

    /// <summary>Reads one customer from the store into memory (it changed elsewhere).</summary>
    public async Task RefreshAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        if (await inner.FindAsync(customerId, cancellationToken).ConfigureAwait(false) is { } customer)
        {
            Remember(customer);
        }
        else
        {
            _owners.TryRemove(customerId, out _);
        }
    }

    /// <summary>
    /// True when <paramref name="mspId"/> manages <paramref name="customerId"/> on <paramref name="cloud"/>. A yes comes
    /// from memory. A no is checked once against the store (the customer may be minutes old, created through
    /// another node or the CLI), and unknown and foreign customers both take that one query: no timing oracle.
    /// </summary>
    public async ValueTask<bool> IsManagedByAsync(CustomerId customerId, MspId mspId, CloudName cloud, CancellationToken cancellationToken)
    {
        if (Manages(customerId, mspId, cloud))
        {
            return true;
        }

        await RefreshAsync(customerId, cancellationToken).ConfigureAwait(false);
        return Manages(customerId, mspId, cloud);
    }

    public async Task AddAsync(CustomerRecord customer, JournalEntry journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        await inner.AddAsync(customer, journal, cancellationToken).ConfigureAwait(false);
        Remember(customer);
    }

    public Task<CustomerRecord?> FindAsync(CustomerId id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<CustomerRecord>> ListAsync(CloudName? cloud, MspId? mspId, CancellationToken cancellationToken) =>
        inner.ListAsync(cloud, mspId, cancellationToken);

    public Task<IReadOnlyList<CustomerRecord>> PageAsync(MspId mspId, CloudName cloud, string afterId, int take, CancellationToken cancellationToken) =>
        inner.PageAsync(mspId, cloud, afterId, take, cancellationToken);

    public IAsyncEnumerable<CustomerOwnership> ReadOwnershipAsync(CancellationToken cancellationToken) => inner.ReadOwnershipAsync(cancellationToken);

    private void Remember(CustomerRecord customer)
    {
        if (CustomerId.TryParse(customer.Id, out var id))
        {
            _owners[id] = new CustomerOwnership(id, customer.Cloud, MspId.TryParse(customer.MspId, out var msp) ? msp : null);
        }
    }

    private bool Manages(CustomerId customerId, MspId mspId, CloudName cloud) =>
        _owners.TryGetValue(customerId, out var owner) && owner.MspId == mspId && owner.Cloud == cloud;
}
