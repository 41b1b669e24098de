using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tollgate.Storage;

namespace Tollgate.Server.Caching;

/// <summary>
/// Which MSP manages which customer, for every customer, in memory: loaded at start and kept current by
/// the change feed. Minting a customer token asks only this, so an unknown customer and a customer of
/// another MSP take the same path and the same time.
/// </summary>
internal sealed class CustomerDirectory(TollgateStore store)
{
    private readonly ConcurrentDictionary<string, CustomerOwnership> _customers = new(StringComparer.Ordinal);

    public int Count => _customers.Count;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        await foreach (var c in db.Customers.AsNoTracking().Select(c => new { c.Id, c.Cloud, c.MspId }).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            _customers[c.Id] = new CustomerOwnership(c.Cloud, c.MspId);
        }
    }

    public async Task RefreshAsync(string customerId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var c = await db.Customers.AsNoTracking().Where(x => x.Id == customerId).Select(x => new { x.Cloud, x.MspId }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (c is null)
        {
            _customers.TryRemove(customerId, out _);
        }
        else
        {
            _customers[customerId] = new CustomerOwnership(c.Cloud, c.MspId);
        }
    }

    /// <summary>
    /// True when <paramref name="mspId"/> manages <paramref name="customerId"/> on <paramref name="cloud"/>. A yes comes
    /// from memory. A no is checked once against the store (the customer may be minutes old, created through
    /// another node or the CLI), and unknown and foreign customers both take that one query: no timing oracle.
    /// </summary>
    public async ValueTask<bool> IsManagedByAsync(string customerId, string mspId, string cloud, CancellationToken cancellationToken)
    {
        if (Manages(customerId, mspId, cloud))
        {
            return true;
        }

        await RefreshAsync(customerId, cancellationToken).ConfigureAwait(false);
        return Manages(customerId, mspId, cloud);
    }

    private bool Manages(string customerId, string mspId, string cloud) =>
        _customers.TryGetValue(customerId, out var owner) && owner.MspId == mspId && owner.Cloud == cloud;

    private sealed record CustomerOwnership(string Cloud, string? MspId);
}
