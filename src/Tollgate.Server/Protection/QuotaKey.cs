using Tollgate.Core.Credentials;

namespace Tollgate.Server.Protection;

/// <summary>
/// One limiter's partition: a credential and one of its rates. An edited quota is a new key, so a changed limit
/// starts a fresh window rather than inheriting the old count under a new limit.
/// </summary>
internal readonly record struct QuotaKey(string ClientId, TokenRate Rate);
