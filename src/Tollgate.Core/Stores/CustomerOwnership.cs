using Tollgate.Core.Clouds;

namespace Tollgate.Core.Stores;

/// <summary>Which MSP (if any) manages a customer, and on which cloud: all a node keeps in memory per customer.</summary>
public sealed record CustomerOwnership(string CustomerId, CloudName Cloud, string? MspId);
