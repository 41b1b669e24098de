using System.Text.Json.Serialization;
using Tollgate.Core.Administration;
using Tollgate.Core.Stores;

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
    public static UserDto From(UserRecord user) => new(
        user.UserId,
        user.UserName,
        user.EmailId,
        user.Status,
        user.ProfileId,
        user.StorageId,
        user.QuotaInBytes / UserService.BytesPerGiB,
        user.QuotaInBytes,
        user.AddedOn);
}
