namespace Tollgate.Core.Stores;

/// <summary>
/// The console's cookie-encryption key ring (ASP.NET Core Data Protection's XML elements), kept in the store so
/// that every node reads the cookies every other node wrote. The store encrypts each element at rest.
/// </summary>
public interface IKeyRingStore
{
    Task<IReadOnlyList<string>> ReadAllAsync(CancellationToken cancellationToken);

    Task AddAsync(string name, string xml, CancellationToken cancellationToken);
}
