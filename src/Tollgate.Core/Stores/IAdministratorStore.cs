using Tollgate.Core.Clouds;

namespace Tollgate.Core.Stores;

/// <summary>Console administrators' accounts (ASP.NET Core Identity's user store sits on this).</summary>
public interface IAdministratorStore
{
    /// <summary>Adds an account; <see cref="StoreWrite.Conflict"/> when its cloud already has one with that e-mail address.</summary>
    Task<StoreWrite> AddAsync(AdministratorAccount account, CancellationToken cancellationToken);

    Task<AdministratorAccount?> FindAsync(string id, CancellationToken cancellationToken);

    Task<AdministratorAccount?> FindByNormalizedUserNameAsync(string normalizedUserName, CancellationToken cancellationToken);

    /// <summary>Every account (of one cloud, or of all), oldest first.</summary>
    Task<IReadOnlyList<AdministratorAccount>> ListAsync(CloudName? cloud, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="account"/> if the stored row still has <paramref name="expectedConcurrencyStamp"/>
    /// (the account's new stamp is written with it); <see cref="StoreWrite.Conflict"/> when another writer got there first.
    /// </summary>
    Task<StoreWrite> ReplaceAsync(AdministratorAccount account, string expectedConcurrencyStamp, CancellationToken cancellationToken);
}
