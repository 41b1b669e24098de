using System.Text.Json.Serialization;

namespace Tollgate.Server.Msp;

/// <summary>One page of customers; <c>nextPageToken</c> is empty on the last page.</summary>
internal sealed record CustomerListDto(
    [property: JsonPropertyName("customers")] IReadOnlyList<CustomerDto> Customers,
    [property: JsonPropertyName("nextPageToken")] string NextPageToken);
