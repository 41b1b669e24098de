using System.Globalization;
using System.Text;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Admin;

/// <summary>
/// The audit trail as CSV (RFC 4180): a header row, then one row per event, every field quoted when it holds a
/// comma, a quote or a line break. A field that a spreadsheet would run as a formula (starting with = + - @, tab
/// or CR) is prefixed with an apostrophe: client ids and names are input, and the file is opened by people.
/// </summary>
internal static class AuditCsv
{
    private static readonly string[] Header = ["at", "actor", "action", "entityType", "entityId", "mspId", "customerId", "sourceIp", "status", "detail"];

    public static string Write(IEnumerable<AuditEvent> events)
    {
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (var e in events)
        {
            Row(csv, [
                e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.Actor, e.Action, e.EntityType, e.EntityId,
                e.MspId, e.CustomerId, e.SourceIp, e.Status?.ToString(CultureInfo.InvariantCulture), e.Detail,
            ]);
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Field(fields[i] ?? string.Empty));
        }

        csv.Append("\r\n");
    }

    internal static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
