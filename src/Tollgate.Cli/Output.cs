using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tollgate.Cli;

/// <summary>Prints results: one JSON document with <c>--json</c>, otherwise a readable table.</summary>
internal static class Output
{
    // Relaxed escaping: a Secret Key holds '+' and '/', and a person copies it by eye ("\u002B" is not what they
    // were given). The output is a terminal or a pipe, never HTML; control characters are still escaped.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Json(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            write(writer);
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>One object (<paramref name="single"/>) or an array of them, each written by <paramref name="write"/>.</summary>
    public static void JsonItems<T>(TextWriter output, IEnumerable<T> items, bool single, Action<Utf8JsonWriter, T> write) =>
        Json(output, w =>
        {
            if (!single)
            {
                w.WriteStartArray();
            }

            foreach (var item in items)
            {
                w.WriteStartObject();
                write(w, item);
                w.WriteEndObject();
            }

            if (!single)
            {
                w.WriteEndArray();
            }
        });

    public static void Table(TextWriter output, string[] headers, IEnumerable<string?[]> rows)
    {
        var all = rows.Select(r => r.Select(c => c is null ? "-" : Escape(c)).ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in all)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <summary>
    /// <paramref name="text"/> safe to print on a terminal: control characters (ESC, CR, LF, and the C1 set),
    /// and the Unicode controls that reorder or hide text, become visible escapes (<c>\x1b</c>, <c>\u202e</c>).
    /// Stored data may have come from anyone: a name or an id must not forge a line or drive the terminal.
    /// <paramref name="keepNewlines"/> keeps line breaks (for a multi-line document such as a response body).
    /// </summary>
    public static string Escape(string text, bool keepNewlines = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => NeedsEscape(c, keepNewlines)))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c, keepNewlines))
            {
                escaped.Append(c);
            }
            else if (c <= '\u00ff')
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c, bool keepNewlines) =>
        (char.IsControl(c) && !(keepNewlines && c is '\n' or '\t'))
        || c is '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    public static string? Time(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
