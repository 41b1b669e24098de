using System.Collections.Concurrent;
using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Caching;

/// <summary>
/// Which MSP manages which customer, for every customer, in memory: loaded at start and kept current by
/// the change feed. Minting a customer token asks only this, so an unknown customer and a customer of
/// another MSP take the same path and the same time.
/// </summary>
internal sealed class CustomerDirectory(ICustomerStore store)
{
    private readonly ConcurrentDictionary<string, CustomerOwnership> _customers = new(StringComparer.Ordinal);

    public int Count => _customers.Count;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await foreach (var owner in store.ReadOwnershipAsync(cancellationToken).ConfigureAwait(false))
        {
            _customers[owner.CustomerId] = owner;
        }
    }

    public async Task RefreshAsync(string customerId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(customerId, cancellationToken).ConfigureAwait(false) is { } c)
        {
            _customers[customerId] = new CustomerOwnership(c.Id, c.Cloud, c.MspId);
        }
        else
        {
            _customers.TryRemove(customerId, out _);
        }
    }

    /// <summary>
    /// True when <paramref name="mspId"/> manages <paramref name="customerId"/> on <paramref name="cloud"/>. A yes comes
    /// from memory. A no is checked once against the store (the customer may be minutes old, created through
    /// another node or the CLI), and unknown and foreign customers both take that one query: no timing oracle.
    /// </summary>
    public async ValueTask<bool> IsManagedByAsync(string customerId, string mspId, CloudName cloud, CancellationToken cancellationToken)
    {
        if (Manages(customerId, mspId, cloud))
        {
            return true;
        }

        await RefreshAsync(customerId, cancellationToken).ConfigureAwait(false);
        return Manages(customerId, mspId, cloud);
    }

    private bool Manages(string customerId, string mspId, CloudName cloud) =>
        _customers.TryGetValue(customerId, out var owner) && owner.MspId == mspId && owner.Cloud == cloud;
}
