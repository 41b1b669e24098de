using System.Text.Json.Serialization;
using Tollgate.Core.Administration;

namespace Tollgate.Server.UserManagement;

/// <summary>The body of a create (userName and emailID required) or a patch (any subset).</summary>
internal sealed class UserInput
{
    [JsonPropertyName("userName")]
    public string? UserName { get; set; }

    [JsonPropertyName("emailID")]
    public string? EmailId { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("profileID")]
    public long? ProfileId { get; set; }

    [JsonPropertyName("storageID")]
    public long? StorageId { get; set; }

    /// <summary>Quota in GiB; quotaInBytes wins when both are given.</summary>
    [JsonPropertyName("quota")]
    public long? Quota { get; set; }

    [JsonPropertyName("quotaInBytes")]
    public long? QuotaInBytes { get; set; }

    public UserChanges ToChanges() => new(UserName, EmailId, Status, ProfileId, StorageId, Quota, QuotaInBytes);
}
