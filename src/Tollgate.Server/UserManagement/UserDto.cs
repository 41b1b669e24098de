using System.Text.Json.Serialization;
using Tollgate.Storage.Entities;

namespace Tollgate.Server.UserManagement;

/// <summary>A user as Druva's inSync user management API shows it.</summary>
internal sealed record UserDto(
    [property: JsonPropertyName("userID")] long UserId,
    [property: JsonPropertyName("userName")] string UserName,
    [property: JsonPropertyName("emailID")] string EmailId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("profileID")] long ProfileId,
    [property: JsonPropertyName("storageID")] long StorageId,
    [property: JsonPropertyName("quota")] long Quota,
    [property: JsonPropertyName("quotaInBytes")] long QuotaInBytes,
    [property: JsonPropertyName("addedOn")] DateTimeOffset AddedOn)
{
    private const long BytesPerGiB = 1L << 30;

    public static UserDto From(UserEntity user) => new(
        user.UserId,
        user.UserName,
        user.EmailId,
        user.Status,
        user.ProfileId,
        user.StorageId,
        user.QuotaInBytes / BytesPerGiB,
        user.QuotaInBytes,
        user.AddedOn);

    public static long QuotaBytes(long quotaGiB) => checked(quotaGiB * BytesPerGiB);
}
