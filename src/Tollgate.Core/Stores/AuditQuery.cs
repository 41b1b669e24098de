namespace Tollgate.Core.Stores;

/// <summary>Which audit events to read: the newest <see cref="Limit"/> that match, returned oldest first.</summary>
public sealed record AuditQuery(string? MspId = null, string? CustomerId = null, DateTimeOffset? Since = null, int Limit = 1000);
