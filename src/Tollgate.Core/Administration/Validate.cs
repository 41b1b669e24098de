namespace Tollgate.Core.Administration;

/// <summary>The input rules administrative operations share.</summary>
internal static class Validate
{
    public const int MaxName = 200;

    /// <summary>A trimmed name of 1 to 200 characters, or the error saying so.</summary>
    public static AdminError? Name(string? name, string field = "name") =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxName
            ? AdminError.Invalid($"A {field} of 1 to {MaxName} characters is required.")
            : null;

    public static AdminError? Length(string? value, int max, string field) =>
        value is not null && value.Length > max ? AdminError.Invalid($"{field} must be at most {max} characters.") : null;
}
