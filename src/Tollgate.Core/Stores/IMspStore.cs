using Tollgate.Core.Clouds;
using Tollgate.Core.Ids;

namespace Tollgate.Core.Stores;

/// <summary>Managed-service providers.</summary>
public interface IMspStore
{
    /// <summary>Adds <paramref name="msp"/> with its journal entry, in one transaction.</summary>
    Task AddAsync(MspRecord msp, JournalEntry journal, CancellationToken cancellationToken);

    Task<MspRecord?> FindAsync(MspId id, CancellationToken cancellationToken);

    /// <summary>Every MSP (of one cloud, or of all), oldest first.</summary>
    Task<IReadOnlyList<MspRecord>> ListAsync(CloudName? cloud, CancellationToken cancellationToken);
}
