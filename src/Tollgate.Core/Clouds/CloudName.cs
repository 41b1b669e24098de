using System.Diagnostics.CodeAnalysis;

namespace Tollgate.Core.Clouds;

/// <summary>The name of an isolated cloud: lower-case letters and digits, 1–32 characters.</summary>
public readonly record struct CloudName
{
    public static readonly CloudName Mainline = new("mainline");
    public static readonly CloudName GovCloud = new("govcloud");
    public static readonly CloudName GovApis = new("govapis");

    private CloudName(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out CloudName name)
    {
        name = default;
        if (string.IsNullOrEmpty(text) || text.Length > 32)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        name = new CloudName(text);
        return true;
    }

    public static CloudName Parse(string text) =>
        TryParse(text, out var name) ? name : throw new FormatException($"'{text}' is not a cloud name (lower-case letters and digits).");

    public override string ToString() => Value ?? string.Empty;
}
