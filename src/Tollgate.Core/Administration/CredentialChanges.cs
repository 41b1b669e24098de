using Tollgate.Core.Credentials;

namespace Tollgate.Core.Administration;

/// <summary>What to change of a credential; null leaves it as it is (an empty <see cref="Allow"/> allows anywhere).</summary>
public sealed record CredentialChanges(string? Name = null, ScopeSet? Scopes = null, IReadOnlyCollection<string>? Allow = null);
