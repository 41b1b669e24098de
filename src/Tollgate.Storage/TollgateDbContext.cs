using Microsoft.EntityFrameworkCore;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage;

/// <summary>
/// The model, shared by every provider. Each provider has its own derived context so that its
/// migrations and compiled model stay apart (SQLite and PostgreSQL differ in types, not in shape).
/// </summary>
internal abstract class TollgateDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<MspEntity> Msps => Set<MspEntity>();

    public DbSet<CustomerEntity> Customers => Set<CustomerEntity>();

    public DbSet<CredentialEntity> Credentials => Set<CredentialEntity>();

    public DbSet<SigningKeyEntity> SigningKeys => Set<SigningKeyEntity>();

    public DbSet<RevokedTokenEntity> RevokedTokens => Set<RevokedTokenEntity>();

    public DbSet<UsedJtiEntity> UsedJtis => Set<UsedJtiEntity>();

    public DbSet<UserEntity> Users => Set<UserEntity>();

    public DbSet<ChangeEntity> Changes => Set<ChangeEntity>();

    public DbSet<AuditEventEntity> AuditEvents => Set<AuditEventEntity>();

    public DbSet<AdministratorEntity> Administrators => Set<AdministratorEntity>();

    public DbSet<KeyRingEntity> KeyRing => Set<KeyRingEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<MspEntity>(e =>
        {
            e.ToTable("msps");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Cloud).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(200);
        });

        modelBuilder.Entity<CustomerEntity>(e =>
        {
            e.ToTable("customers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Cloud).HasMaxLength(32);
            e.Property(x => x.CustomerName).HasMaxLength(200);
            e.Property(x => x.AccountName).HasMaxLength(200);
            e.Property(x => x.Address).HasMaxLength(500);
            e.Property(x => x.Phone).HasMaxLength(50);
            e.Property(x => x.MspId).HasMaxLength(64);
            e.HasIndex(x => new { x.MspId, x.Id });
            e.HasOne<MspEntity>().WithMany().HasForeignKey(x => x.MspId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CredentialEntity>(e =>
        {
            e.ToTable("credentials");
            e.HasKey(x => x.ClientId);
            e.Property(x => x.ClientId).HasMaxLength(128);
            e.Property(x => x.Cloud).HasMaxLength(32);
            e.Property(x => x.OwnerId).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.AllowList).HasMaxLength(2000);
            e.Property(x => x.Quota).HasMaxLength(64);
            e.Property(x => x.PublicKeys).HasMaxLength(40000);
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.HasIndex(x => new { x.OwnerKind, x.OwnerId });
        });

        modelBuilder.Entity<SigningKeyEntity>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(x => x.Kid);
            e.Property(x => x.Kid).HasMaxLength(64);
            e.Property(x => x.Cloud).HasMaxLength(32);
            e.Property(x => x.Algorithm).HasMaxLength(16);
            e.HasIndex(x => new { x.Cloud, x.ActivatesAt });
        });

        modelBuilder.Entity<RevokedTokenEntity>(e =>
        {
            e.ToTable("revoked_tokens");
            e.HasKey(x => x.JwtId);
            e.Property(x => x.JwtId).HasMaxLength(64);
            e.Property(x => x.Cloud).HasMaxLength(32);
            e.Property(x => x.ClientId).HasMaxLength(128);
            e.HasIndex(x => x.ExpiresAt);
        });

        modelBuilder.Entity<UsedJtiEntity>(e =>
        {
            e.ToTable("used_jtis");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(64);
            e.HasIndex(x => x.Until);
        });

        modelBuilder.Entity<UserEntity>(e =>
        {
            e.ToTable("users");
            e.HasKey(x => x.UserId);
            e.Property(x => x.UserId).ValueGeneratedOnAdd();
            e.Property(x => x.CustomerId).HasMaxLength(64);
            e.Property(x => x.UserName).HasMaxLength(200);
            e.Property(x => x.EmailId).HasMaxLength(320);
            e.Property(x => x.Status).HasMaxLength(32);
            e.HasIndex(x => new { x.CustomerId, x.EmailId }).IsUnique();
            e.HasIndex(x => new { x.CustomerId, x.UserId });
            e.HasOne<CustomerEntity>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ChangeEntity>(e =>
        {
            e.ToTable("changes");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).ValueGeneratedOnAdd();
            e.Property(x => x.Cloud).HasMaxLength(32);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Subject).HasMaxLength(128);
            e.HasIndex(x => x.At);
        });

        modelBuilder.Entity<AuditEventEntity>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Cloud).HasMaxLength(32);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.EntityType).HasMaxLength(32);
            e.Property(x => x.EntityId).HasMaxLength(128);
            e.Property(x => x.MspId).HasMaxLength(64);
            e.Property(x => x.CustomerId).HasMaxLength(64);
            e.Property(x => x.Detail).HasMaxLength(200);
            e.Property(x => x.SourceIp).HasMaxLength(64);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.MspId, x.At });
            e.HasIndex(x => new { x.CustomerId, x.At });
        });

        modelBuilder.Entity<AdministratorEntity>(e =>
        {
            e.ToTable("administrators");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Cloud).HasMaxLength(32);
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.NormalizedUserName).HasMaxLength(360);
            e.Property(x => x.MspId).HasMaxLength(64);
            e.Property(x => x.CustomerId).HasMaxLength(64);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.Property(x => x.SecurityStamp).HasMaxLength(64);
            e.Property(x => x.ConcurrencyStamp).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.HasIndex(x => x.NormalizedUserName).IsUnique();
            e.HasIndex(x => new { x.Cloud, x.CreatedAt });
        });

        modelBuilder.Entity<KeyRingEntity>(e =>
        {
            e.ToTable("key_ring");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Name).HasMaxLength(128);
        });
    }
}
