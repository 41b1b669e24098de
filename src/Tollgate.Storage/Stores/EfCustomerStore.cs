using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;
using Tollgate.Core.Ids;

namespace Tollgate.Storage.Stores;

internal sealed class EfCustomerStore(TollgateStore store) : ICustomerStore
{
    public async Task AddAsync(CustomerRecord customer, JournalEntry journal, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        db.Customers.Add(new CustomerEntity
        {
            Id = customer.Id,
            Cloud = customer.Cloud.Value,
            CustomerName = customer.CustomerName,
            AccountName = customer.AccountName,
            Address = customer.Address,
            Phone = customer.Phone,
            MspId = customer.MspId,
            Status = customer.Status,
            CreatedOn = customer.CreatedOn,
        });
        Journal.Add(db, journal);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<CustomerRecord?> FindAsync(CustomerId id, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var key = id.Value;
        return (await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, cancellationToken).ConfigureAwait(false))?.ToRecord();
    }

    public async Task<IReadOnlyList<CustomerRecord>> ListAsync(CloudName? cloud, MspId? mspId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var query = db.Customers.AsNoTracking();
        if (cloud is { } c)
        {
            query = query.Where(x => x.Cloud == c.Value);
        }

        if (mspId is { } m)
        {
            var key = m.Value;
            query = query.Where(x => x.MspId == key);
        }

        return [.. (await query.OrderBy(x => x.CreatedOn).ThenBy(x => x.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).Select(x => x.ToRecord())];
    }

    public async Task<IReadOnlyList<CustomerRecord>> PageAsync(MspId mspId, CloudName cloud, string afterId, int take, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var msp = mspId.Value;
        var page = await db.Customers.AsNoTracking()
            .Where(c => c.MspId == msp && c.Cloud == cloud.Value && string.Compare(c.Id, afterId) > 0)
            .OrderBy(c => c.Id)
            .Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. page.Select(c => c.ToRecord())];
    }

    public async IAsyncEnumerable<CustomerOwnership> ReadOwnershipAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        await foreach (var c in db.Customers.AsNoTracking().Select(c => new { c.Id, c.Cloud, c.MspId }).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // Every id Tollgate writes is a GUID; a row that is not (written by hand) names no customer a token can reach.
            if (CustomerId.TryParse(c.Id, out var id) && CloudName.TryParse(c.Cloud, out var cloud))
            {
                yield return new CustomerOwnership(id, cloud, MspId.TryParse(c.MspId, out var msp) ? msp : null);
            }
        }
    }
}
