using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tollgate.Storage.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context (it does not connect).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTollgateDbContext>
{
    public PostgresTollgateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTollgateDbContext>().UseNpgsql("Host=localhost;Database=tollgate_design").Options);
}
