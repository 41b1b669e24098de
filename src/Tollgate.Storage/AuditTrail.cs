using Microsoft.EntityFrameworkCore;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage;

/// <summary>Reads the activity trail: administrators' changes and MSPs' work for their customers.</summary>
public sealed class AuditTrail(TollgateStore store)
{
    public async Task<IReadOnlyList<AuditEventEntity>> ListAsync(string? mspId, string? customerId, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = store.CreateContext();
        var query = db.AuditEvents.AsNoTracking();
        if (mspId is not null)
        {
            query = query.Where(e => e.MspId == mspId);
        }

        if (customerId is not null)
        {
            query = query.Where(e => e.CustomerId == customerId);
        }

        if (since is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        // The newest `limit` events, printed oldest first.
        var newest = await query.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        newest.Reverse();
        return newest;
    }
}
