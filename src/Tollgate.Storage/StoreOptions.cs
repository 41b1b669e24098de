namespace Tollgate.Storage;

/// <summary>Where the state lives. The same options serve <c>tollgate serve</c> and every admin command.</summary>
public sealed class StoreOptions
{
    /// <summary>The data folder: the SQLite file and, unless a master key is configured, the master key file.</summary>
    public string DataDirectory { get; set; } = "data";

    public StoreKind Kind { get; set; } = StoreKind.Sqlite;

    /// <summary>The connection string for <see cref="StoreKind.Postgres"/>.</summary>
    public string? Connection { get; set; }

    /// <summary>
    /// Base64 of the 32-byte key that encrypts signing keys at rest. When unset, a key file is created in the
    /// data folder on first run, readable by its owner only.
    /// </summary>
    public string? MasterKey { get; set; }

    public string SqlitePath => Path.Combine(DataDirectory, "tollgate.db");
}
