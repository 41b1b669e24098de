namespace Tollgate.Core.Administration;

/// <summary>An expected failure of an administrative operation; its message is for the person who asked.</summary>
public sealed record AdminError(AdminErrorKind Kind, string Message)
{
    public static AdminError Invalid(string message) => new(AdminErrorKind.Invalid, message);

    public static AdminError NotFound(string message) => new(AdminErrorKind.NotFound, message);

    public static AdminError Conflict(string message) => new(AdminErrorKind.Conflict, message);

    /// <summary>The caller named a version (an ETag) that is no longer current.</summary>
    public static AdminError Stale(string message) => new(AdminErrorKind.Stale, message);
}
