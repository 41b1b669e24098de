using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;

namespace Tollgate.Core.Stores;

/// <summary>API credentials: what the token path reads, and what administrators change.</summary>
public interface ICredentialStore
{
    ValueTask<CredentialRecord?> FindAsync(ClientId clientId, CancellationToken cancellationToken);

    /// <summary>Every credential, streamed: what a node preloads.</summary>
    IAsyncEnumerable<CredentialRecord> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Credentials revoked or rotated after <paramref name="horizon"/>: what a node's revocation list must know at start.</summary>
    Task<IReadOnlyList<CredentialRecord>> ReadRevokedOrRotatedSinceAsync(DateTimeOffset horizon, CancellationToken cancellationToken);

    /// <summary>Every credential (of one cloud, or of all) with its history, oldest first.</summary>
    Task<IReadOnlyList<CredentialDetails>> ListAsync(CloudName? cloud, CancellationToken cancellationToken);

    /// <summary>Adds a credential with its journal entry, in one transaction.</summary>
    Task AddAsync(CredentialRecord credential, DateTimeOffset createdAt, string createdBy, JournalEntry journal, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a credential that is not revoked and is still at <paramref name="expectedVersion"/> with
    /// <paramref name="updated"/> (whose <see cref="CredentialRecord.Version"/> is the next), with its journal entry,
    /// in one transaction. <see cref="StoreWrite.Conflict"/> when another writer got there first.
    /// </summary>
    Task<StoreWrite> ReplaceAsync(CredentialRecord updated, int expectedVersion, JournalEntry journal, CancellationToken cancellationToken);

    /// <summary>
    /// Last-used times, batched off the request path (no journal: usage is not a change): of the current secret when
    /// the generation is the credential's, of the previous secret when it is the one before.
    /// </summary>
    Task RecordLastUsedAsync(IReadOnlyCollection<KeyValuePair<SecretUse, DateTimeOffset>> lastUsed, CancellationToken cancellationToken);
}
