namespace Tollgate.Storage.Entities;

/// <summary>A tenant of one cloud; its id is its global customer id (GCID).</summary>
internal sealed class CustomerEntity
{
    public required string Id { get; set; }

    public required string Cloud { get; set; }

    public required string CustomerName { get; set; }

    public string AccountName { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    public string Phone { get; set; } = string.Empty;

    public string? MspId { get; set; }

    /// <summary>0 pending, 1 ready, 2 processing (Druva's codes).</summary>
    public int Status { get; set; } = 1;

    public DateTimeOffset CreatedOn { get; set; }
}
