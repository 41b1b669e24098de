using Tollgate.Core.Clouds;

namespace Tollgate.Core.Stores;

/// <summary>A tenant of one cloud; <see cref="Id"/> is its global customer id (GCID). <see cref="Status"/>: 0 pending, 1 ready, 2 processing.</summary>
public sealed record CustomerRecord(
    string Id,
    CloudName Cloud,
    string CustomerName,
    string AccountName,
    string Address,
    string Phone,
    string? MspId,
    int Status,
    DateTimeOffset CreatedOn);
