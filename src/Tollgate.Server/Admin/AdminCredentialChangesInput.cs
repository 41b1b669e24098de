namespace Tollgate.Server.Admin;

/// <summary>The body of <c>PATCH /admin/v1/credentials/{clientId}</c>: what is absent stays; <c>allow</c> [] allows anywhere.</summary>
internal sealed record AdminCredentialChangesInput(string? Name, string? Scope, IReadOnlyList<string>? Allow);
