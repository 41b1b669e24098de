namespace Tollgate.Server.Admin;

/// <summary>
/// The body of <c>PATCH /admin/v1/credentials/{clientId}</c>: what is absent stays; <c>allow</c> [] allows anywhere;
/// <c>quota</c> "" returns the credential to its cloud's default; <c>expiresAt</c> sets an expiry, <c>neverExpires</c> true lifts it; <c>requireDpop</c> turns DPoP binding on or off.
/// </summary>
internal sealed record AdminCredentialChangesInput(string? Name, string? Scope, IReadOnlyList<string>? Allow, string? Quota = null, DateTimeOffset? ExpiresAt = null, bool? NeverExpires = null, bool? RequireDpop = null);
