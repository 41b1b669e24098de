using Tollgate.Core.Clouds;
using Tollgate.Core.Ids;

namespace Tollgate.Core.Stores;

/// <summary>Which MSP (if any) manages a customer, and on which cloud: all a node keeps in memory per customer.</summary>
public sealed record CustomerOwnership(CustomerId CustomerId, CloudName Cloud, MspId? MspId);
