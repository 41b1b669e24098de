using System.Diagnostics.CodeAnalysis;

namespace Tollgate.Core.Ids;

/// <summary>
/// The Client ID of an API credential: 1 to 128 visible ASCII characters (the ids Tollgate makes are
/// base64). Anything else cannot name a credential and is refused before any lookup or log line.
/// </summary>
public readonly record struct ClientId
{
    public const int MaxLength = 128;

    private ClientId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out ClientId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        id = new ClientId(text);
        return true;
    }

    public static ClientId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException("A Client ID is 1 to 128 visible ASCII characters.");

    public override string ToString() => Value ?? string.Empty;
}
