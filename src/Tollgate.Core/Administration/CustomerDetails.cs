namespace Tollgate.Core.Administration;

/// <summary>The optional fields of a customer (Druva's create-customer body).</summary>
public sealed record CustomerDetails(string? AccountName, string? Address, string? Phone);
