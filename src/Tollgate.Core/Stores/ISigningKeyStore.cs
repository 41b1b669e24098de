using Tollgate.Core.Clouds;

namespace Tollgate.Core.Stores;

/// <summary>Signing keys at rest (private keys encrypted under the master key).</summary>
public interface ISigningKeyStore
{
    /// <summary>The keys of one cloud, or of all, by cloud and activation.</summary>
    Task<IReadOnlyList<StoredSigningKey>> ListAsync(CloudName? cloud, CancellationToken cancellationToken);

    /// <summary>Adds and removes keys of one cloud with the journal entry, in one transaction.</summary>
    Task ApplyAsync(IReadOnlyCollection<StoredSigningKey> add, IReadOnlyCollection<string> removeKids, JournalEntry journal, CancellationToken cancellationToken);
}
