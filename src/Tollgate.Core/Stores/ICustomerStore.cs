using Tollgate.Core.Clouds;
using Tollgate.Core.Ids;

namespace Tollgate.Core.Stores;

/// <summary>Customers (tenants) and which MSP manages each.</summary>
public interface ICustomerStore
{
    /// <summary>Adds <paramref name="customer"/> with its journal entry, in one transaction.</summary>
    Task AddAsync(CustomerRecord customer, JournalEntry journal, CancellationToken cancellationToken);

    Task<CustomerRecord?> FindAsync(CustomerId id, CancellationToken cancellationToken);

    /// <summary>Every customer (of one cloud, of one MSP, or of all), oldest first.</summary>
    Task<IReadOnlyList<CustomerRecord>> ListAsync(CloudName? cloud, MspId? mspId, CancellationToken cancellationToken);

    /// <summary>One page of an MSP's customers on a cloud, in id order after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<CustomerRecord>> PageAsync(MspId mspId, CloudName cloud, string afterId, int take, CancellationToken cancellationToken);

    /// <summary>Who manages every customer: what a node loads at start.</summary>
    IAsyncEnumerable<CustomerOwnership> ReadOwnershipAsync(CancellationToken cancellationToken);
}
