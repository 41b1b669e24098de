using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;
using Tollgate.Core.Ids;

namespace Tollgate.Storage.Stores;

internal sealed class EfUserStore(TollgateStore store) : IUserStore
{
    public async Task<(int Total, IReadOnlyList<UserRecord> Page)> ListAsync(UserQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = store.CreateContext();
        var users = db.Users.AsNoTracking().Where(u => u.CustomerId == query.CustomerId);
        if (!string.IsNullOrEmpty(query.EmailId))
        {
            users = users.Where(u => u.EmailId == query.EmailId);
        }

        if (!string.IsNullOrEmpty(query.Status))
        {
            users = users.Where(u => u.Status == query.Status);
        }

        var total = await users.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await users.Where(u => u.UserId > query.AfterUserId).OrderBy(u => u.UserId).Take(query.Take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return (total, [.. page.Select(u => u.ToRecord())]);
    }

    public async Task<UserRecord?> FindAsync(CustomerId customerId, UserId userId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var (customer, user) = (customerId.Value, userId.Value);
        return (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserId == user && u.CustomerId == customer, cancellationToken).ConfigureAwait(false))?.ToRecord();
    }

    public async Task<UserRecord?> AddAsync(UserRecord user, Func<UserRecord, JournalEntry> journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(journal);
        await using var db = store.CreateContext();
        if (await db.Users.AnyAsync(u => u.CustomerId == user.CustomerId && u.EmailId == user.EmailId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var entity = new UserEntity { CustomerId = user.CustomerId, UserName = user.UserName, EmailId = user.EmailId };
        user.CopyTo(entity);
        db.Users.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return null; // the unique (customer, email) index: a concurrent request added the same email
        }

        var stored = entity.ToRecord();
        Journal.Add(db, journal(stored));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<StoreWrite> ReplaceAsync(UserRecord user, JournalEntry journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = store.CreateContext();
        var entity = await db.Users.FirstOrDefaultAsync(u => u.UserId == user.UserId && u.CustomerId == user.CustomerId, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return StoreWrite.NotFound;
        }

        if (await db.Users.AnyAsync(u => u.CustomerId == user.CustomerId && u.EmailId == user.EmailId && u.UserId != user.UserId, cancellationToken).ConfigureAwait(false))
        {
            return StoreWrite.Conflict;
        }

        user.CopyTo(entity);
        Journal.Add(db, journal);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return StoreWrite.Written;
        }
        catch (DbUpdateException)
        {
            return StoreWrite.Conflict;
        }
    }

    public async Task<StoreWrite> DeleteAsync(CustomerId customerId, UserId userId, JournalEntry journal, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var (customer, user) = (customerId.Value, userId.Value);
        var entity = await db.Users.FirstOrDefaultAsync(u => u.UserId == user && u.CustomerId == customer, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return StoreWrite.NotFound;
        }

        db.Users.Remove(entity);
        Journal.Add(db, journal);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return StoreWrite.Written;
        }
        catch (DbUpdateConcurrencyException)
        {
            return StoreWrite.NotFound; // deleted by a concurrent request
        }
    }
}
