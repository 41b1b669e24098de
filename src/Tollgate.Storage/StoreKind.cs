namespace Tollgate.Storage;

/// <summary>Which database holds the state.</summary>
public enum StoreKind
{
    /// <summary>The embedded default: one SQLite file in the data folder.</summary>
    Sqlite = 0,

    /// <summary>The scale-out store, shared by every node.</summary>
    Postgres = 1,
}
