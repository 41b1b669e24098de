namespace Tollgate.Core.Credentials;

/// <summary>The scopes of this API. Reads need <c>read</c>, writes need <c>write</c>.</summary>
[Flags]
#pragma warning disable CA1711 // "Set" is the domain word here.
public enum ScopeSet
#pragma warning restore CA1711
{
    None = 0,
    Read = 1,
    Write = 2,
    All = Read | Write,
}
