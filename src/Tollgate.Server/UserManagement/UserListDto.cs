using System.Text.Json.Serialization;

namespace Tollgate.Server.UserManagement;

/// <summary>One page of users: <c>{totalSize, nextPageToken, users[]}</c>; nextPageToken is empty on the last page.</summary>
internal sealed record UserListDto(
    [property: JsonPropertyName("totalSize")] int TotalSize,
    [property: JsonPropertyName("nextPageToken")] string NextPageToken,
    [property: JsonPropertyName("users")] IReadOnlyList<UserDto> Users);
