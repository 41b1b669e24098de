using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Stores;

namespace Tollgate.Storage.Stores;

internal sealed class EfAuditLog(TollgateStore store) : IAuditLog
{
    public async Task AppendAsync(IReadOnlyCollection<AuditEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var db = store.CreateContext();
        db.AuditEvents.AddRange(events.Select(e => e.ToEntity()));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = store.CreateContext();
        var events = db.AuditEvents.AsNoTracking();
        if (query.MspId is not null)
        {
            events = events.Where(e => e.MspId == query.MspId);
        }

        if (query.CustomerId is not null)
        {
            events = events.Where(e => e.CustomerId == query.CustomerId);
        }

        if (query.Since is { } from)
        {
            events = events.Where(e => e.At >= from);
        }

        // The newest `limit` events, returned oldest first (by time, then by the order they were written).
        var newest = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(query.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        newest.Reverse();
        return [.. newest.Select(e => e.ToRecord())];
    }
}
