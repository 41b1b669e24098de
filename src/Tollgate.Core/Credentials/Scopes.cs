namespace Tollgate.Core.Credentials;

/// <summary>Parsing and formatting of RFC 6749 §3.3 scope strings.</summary>
public static class Scopes
{
    public const string Read = "read";
    public const string Write = "write";

    private static readonly string[] Formatted = [string.Empty, Read, Write, Read + " " + Write];

    /// <summary>Parses a space-delimited scope string. Unknown or empty tokens make it fail.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ScopeSet scopes)
    {
        scopes = ScopeSet.None;
        // RFC 6749 §3.3: scope-token *( SP scope-token ); a single space separates tokens.
        foreach (var range in text.Split(' '))
        {
            var token = text[range];
            if (token.SequenceEqual(Read))
            {
                scopes |= ScopeSet.Read;
            }
            else if (token.SequenceEqual(Write))
            {
                scopes |= ScopeSet.Write;
            }
            else
            {
                scopes = ScopeSet.None;
                return false;
            }
        }

        return scopes != ScopeSet.None;
    }

    public static string Format(ScopeSet scopes) => Formatted[(int)(scopes & ScopeSet.All)];

    public static string[] ToArray(ScopeSet scopes) =>
        Format(scopes).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
