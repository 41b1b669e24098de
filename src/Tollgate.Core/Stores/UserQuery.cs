namespace Tollgate.Core.Stores;

/// <summary>One page of a customer's users: optional filters (lower-case), after a user id, at most <see cref="Take"/>.</summary>
public sealed record UserQuery(string CustomerId, string? EmailId, string? Status, long AfterUserId, int Take);
