using System.Text.Json.Serialization;
using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Msp;

/// <summary>A customer as Druva's MSP API shows it. <c>cloud</c>: 0 public, 1 FIPS, 2 FedRAMP; <c>status</c>: 1 ready.</summary>
internal sealed record CustomerDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("accountName")] string AccountName,
    [property: JsonPropertyName("customerName")] string CustomerName,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("tenantAdmins")] IReadOnlyList<string> TenantAdmins,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("createdOn")] DateTimeOffset CreatedOn,
    [property: JsonPropertyName("activeSince")] DateTimeOffset ActiveSince,
    [property: JsonPropertyName("attributes")] IReadOnlyList<CustomerAttribute> Attributes,
    [property: JsonPropertyName("cloud")] int Cloud)
{
    public static CustomerDto From(CustomerRecord c) => new(
        c.Id,
        c.AccountName,
        c.CustomerName,
        c.Address,
        c.Phone,
        [],
        [],
        c.Status,
        c.CreatedOn,
        c.CreatedOn,
        [new CustomerAttribute("gcid", c.Id)],
        CloudCode(c.Cloud));

    /// <summary>Druva's cloud codes: the public cloud is 0; Enterprise Workloads GovCloud (FIPS) 1; Endpoints GovCloud (FedRAMP) 2.</summary>
    private static int CloudCode(CloudName cloud) =>
        cloud == CloudName.GovApis ? 1 : cloud == CloudName.GovCloud ? 2 : 0;
}
