namespace Tollgate.Core.Administration;

/// <summary>What kind of expected failure an administrative operation met: each surface maps it to its own answer.</summary>
public enum AdminErrorKind
{
    /// <summary>The input is not acceptable (a name too long, a CIDR that is not one).</summary>
    Invalid = 1,

    /// <summary>What the operation names does not exist (or is not the caller's to see).</summary>
    NotFound = 2,

    /// <summary>The operation contradicts the current state (a duplicate, a revoked credential).</summary>
    Conflict = 3,

    /// <summary>The caller's version of it (an ETag) is no longer current: it changed meanwhile.</summary>
    Stale = 4,
}
