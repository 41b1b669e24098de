namespace Tollgate.Core.Administration;

/// <summary>The fields a create (userName and emailID required) or an update (any subset) sets; <see cref="Quota"/> in GiB, <see cref="QuotaInBytes"/> wins.</summary>
public sealed record UserChanges(
    string? UserName = null,
    string? EmailId = null,
    string? Status = null,
    long? ProfileId = null,
    long? StorageId = null,
    long? Quota = null,
    long? QuotaInBytes = null);
