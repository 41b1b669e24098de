using Tollgate.Core.Ids;

namespace Tollgate.Core.Stores;

/// <summary>The users of each customer.</summary>
public interface IUserStore
{
    /// <summary>How many users match the filters, and one page of them in id order.</summary>
    Task<(int Total, IReadOnlyList<UserRecord> Page)> ListAsync(UserQuery query, CancellationToken cancellationToken);

    Task<UserRecord?> FindAsync(CustomerId customerId, UserId userId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a user (its id is assigned here) with the journal entry <paramref name="journal"/> builds from the
    /// stored user, in one transaction; null when the customer has a user with that email already.
    /// </summary>
    Task<UserRecord?> AddAsync(UserRecord user, Func<UserRecord, JournalEntry> journal, CancellationToken cancellationToken);

    /// <summary>Replaces a user with its journal entry; <see cref="StoreWrite.Conflict"/> when the email is another user's.</summary>
    Task<StoreWrite> ReplaceAsync(UserRecord user, JournalEntry journal, CancellationToken cancellationToken);

    Task<StoreWrite> DeleteAsync(CustomerId customerId, UserId userId, JournalEntry journal, CancellationToken cancellationToken);
}
