namespace Tollgate.Storage.Entities;

/// <summary>A user of one customer (Druva's inSync user management).</summary>
internal sealed class UserEntity
{
    public long UserId { get; set; }

    public required string CustomerId { get; set; }

    public required string UserName { get; set; }

    public required string EmailId { get; set; }

    public string Status { get; set; } = "active";

    public long ProfileId { get; set; }

    public long StorageId { get; set; }

    public long QuotaInBytes { get; set; }

    public DateTimeOffset AddedOn { get; set; }
}
