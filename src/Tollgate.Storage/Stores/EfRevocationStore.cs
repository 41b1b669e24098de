using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage.Stores;

internal sealed class EfRevocationStore(TollgateStore store) : IRevocationStore
{
    public async Task<bool> AddAsync(RevokedTokenRecord token, JournalEntry journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var db = store.CreateContext();
        db.RevokedTokens.Add(new RevokedTokenEntity { JwtId = token.JwtId, Cloud = token.Cloud.Value, ClientId = token.ClientId, ExpiresAt = token.ExpiresAt });
        Journal.Add(db, journal);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // a concurrent request revoked it first: the outcome is the same
        }
    }

    public async Task<RevokedTokenRecord?> FindAsync(string jwtId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return (await db.RevokedTokens.AsNoTracking().FirstOrDefaultAsync(t => t.JwtId == jwtId, cancellationToken).ConfigureAwait(false))?.ToRecord();
    }

    public async Task<IReadOnlyList<RevokedTokenRecord>> ListExpiringAfterAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return [.. (await db.RevokedTokens.AsNoTracking().Where(t => t.ExpiresAt > after).ToListAsync(cancellationToken).ConfigureAwait(false)).Select(t => t.ToRecord())];
    }
}
