using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tollgate.Storage.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTollgateDbContext>
{
    public SqliteTollgateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTollgateDbContext>().UseSqlite("Data Source=design.db").Options);
}
