namespace Tollgate.Core.Stores;

/// <summary>A user of one customer (Druva's inSync user management). <see cref="UserId"/> is 0 until stored.</summary>
public sealed record UserRecord(
    long UserId,
    string CustomerId,
    string UserName,
    string EmailId,
    string Status,
    long ProfileId,
    long StorageId,
    long QuotaInBytes,
    DateTimeOffset AddedOn);
