namespace Tollgate.Core.Stores;

/// <summary>The store itself: whether it exists, and bringing its schema up to date.</summary>
public interface IStoreSchema
{
    /// <summary>True when the store holds a Tollgate schema (at any version).</summary>
    Task<bool> ExistsAsync(CancellationToken cancellationToken);

    /// <summary>Creates or upgrades the schema (idempotent; safe from several processes at once); returns every migration the store now has.</summary>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken);
}
