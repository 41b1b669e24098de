using Tollgate.Core.Clouds;

namespace Tollgate.Core.Stores;

/// <summary>Signing keys at rest (private keys encrypted under the master key).</summary>
public interface ISigningKeyStore
{
    /// <summary>The keys of one cloud, or of all, by cloud and activation.</summary>
    Task<IReadOnlyList<StoredSigningKey>> ListAsync(CloudName? cloud, CancellationToken cancellationToken);

    /// <summary>
    /// Adds and removes keys of <paramref name="cloud"/> with the journal entry, in one transaction, one writer per
    /// cloud at a time (every node keeps the schedule). With <paramref name="unlessPendingAfter"/>, the keys are not
    /// added when the cloud already has one activating after it (another node scheduled it first); keys already gone
    /// are not removed twice. False when nothing was left to do (and nothing was written).
    /// </summary>
    Task<bool> ApplyAsync(
        CloudName cloud,
        IReadOnlyCollection<StoredSigningKey> add,
        IReadOnlyCollection<string> removeKids,
        JournalEntry journal,
        DateTimeOffset? unlessPendingAfter,
        CancellationToken cancellationToken);
}
