using System.Text.Json.Serialization;

namespace Tollgate.Server.Msp;

/// <summary>The body of <c>POST /msp/v3/customers</c>.</summary>
internal sealed class CustomerInput
{
    [JsonPropertyName("customerName")]
    public string? CustomerName { get; set; }

    [JsonPropertyName("accountName")]
    public string? AccountName { get; set; }

    [JsonPropertyName("address")]
    public string? Address { get; set; }

    [JsonPropertyName("phone")]
    public string? Phone { get; set; }
}
