using Tollgate.Core.Clouds;

namespace Tollgate.Core.Stores;

/// <summary>A managed-service provider of one cloud.</summary>
public sealed record MspRecord(string Id, CloudName Cloud, string Name, DateTimeOffset CreatedAt);
