namespace Tollgate.Core.Ids;

/// <summary>The rule customer and MSP ids share: a GUID in the "D" format, kept in its canonical lower-case spelling.</summary>
internal static class GuidText
{
    public static bool TryCanonical(string? text, out string canonical)
    {
        canonical = string.Empty;
        if (!Guid.TryParseExact(text, "D", out var guid))
        {
            return false;
        }

        canonical = guid.ToString();
        return true;
    }
}
