using Microsoft.EntityFrameworkCore;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage.Postgres;

/// <summary>The scale-out store, shared by every node. Times are <c>timestamptz</c> (always UTC here).</summary>
internal sealed class PostgresTollgateDbContext(DbContextOptions<PostgresTollgateDbContext> options) : TollgateDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Pages of customers are ordered by id and resumed with "id > last": the byte order ("C"), as in SQLite,
        // not a language collation that would order (and compare) differently.
        modelBuilder.Entity<CustomerEntity>().Property(c => c.Id).UseCollation("C");
    }
}
