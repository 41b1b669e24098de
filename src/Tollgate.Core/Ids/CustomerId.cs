using System.Diagnostics.CodeAnalysis;

namespace Tollgate.Core.Ids;

/// <summary>
/// The id of a customer (GCID): a GUID, always in its canonical lower-case form, so that two spellings of one id
/// are one key (in memory, in the store, in the audit trail). Anything else names nothing.
/// </summary>
public readonly record struct CustomerId
{
    private CustomerId(string value) => Value = value;

    public string Value { get; }

    public static CustomerId New() => new(Guid.NewGuid().ToString());

    public static bool TryParse([NotNullWhen(true)] string? text, out CustomerId id)
    {
        var valid = GuidText.TryCanonical(text, out var canonical);
        id = valid ? new CustomerId(canonical) : default;
        return valid;
    }

    public static CustomerId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException("A CustomerId is a GUID.");

    public override string ToString() => Value ?? string.Empty;
}
