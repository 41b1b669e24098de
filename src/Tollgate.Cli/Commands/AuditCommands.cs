using System.CommandLine;
using System.Globalization;
using Tollgate.Core.Administration;
using Tollgate.Core.Stores;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate audit list [--msp ID] [--customer ID] [--since T] [--limit N]</c>.</summary>
internal static class AuditCommands
{
    public static Command Build(TextWriter output)
    {
        var msp = new Option<string?>("--msp") { Description = "Only events of this MSP." };
        var customer = new Option<string?>("--customer") { Description = "Only events concerning this customer." };
        var since = new Option<string?>("--since") { Description = "An ISO 8601 time, or a duration back from now: 30m, 2h, 7d." };
        var limit = new Option<int>("--limit") { Description = "At most this many events, the newest.", DefaultValueFactory = _ => 1000 };
        var list = new Command("list", "List the activity trail, oldest first.") { msp, customer, since, limit };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var from = parse.GetValue(since) is { } text ? ParseSince(text, TimeProvider.System.GetUtcNow()) : (DateTimeOffset?)null;
            if (parse.GetValue(limit) is < 1 or > 100_000)
            {
                throw new CliException("--limit must be between 1 and 100000.");
            }

            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            string? mspId = null, customerId = null;
            if (parse.GetValue(msp) is { } m)
            {
                mspId = AdminSession.Require(await session.Tenants.FindMspAsync(m, cancellationToken)).Id; // unknown: an error, not an empty table
            }

            if (parse.GetValue(customer) is { } c)
            {
                customerId = AdminSession.Require(await session.Tenants.FindCustomerAsync(c, cancellationToken)).Id;
            }

            var events = await session.Store.Audit.ListAsync(new AuditQuery(mspId, customerId, from, parse.GetValue(limit)), cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.Json(output, w =>
                {
                    w.WriteStartArray();
                    foreach (var e in events)
                    {
                        w.WriteStartObject();
                        w.WriteString("at", Output.Time(e.At));
                        w.WriteString("cloud", e.Cloud);
                        w.WriteString("actor", e.Actor);
                        w.WriteString("action", e.Action);
                        w.WriteString("entityType", e.EntityType);
                        w.WriteString("entityId", e.EntityId);
                        w.WriteString("mspId", e.MspId);
                        w.WriteString("customerId", e.CustomerId);
                        w.WriteString("sourceIp", e.SourceIp);
                        if (e.Status is { } status)
                        {
                            w.WriteNumber("status", status);
                        }
                        else
                        {
                            w.WriteNull("status");
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                Output.Table(output, ["AT", "CLOUD", "ACTOR", "ACTION", "ENTITY", "MSP", "CUSTOMER", "SOURCE", "STATUS"], events.Select(e => new[]
                {
                    Output.Time(e.At), e.Cloud, e.Actor, e.Action, $"{e.EntityType}:{e.EntityId}", e.MspId, e.CustomerId, e.SourceIp,
                    e.Status?.ToString(CultureInfo.InvariantCulture),
                }));
            }
        });
        return new Command("audit", "The activity trail.") { list };
    }

    internal static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        if (DurationText.TryParse(text, out var back))
        {
            return now - back;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new CliException($"--since takes an ISO 8601 time or a duration like 30m, 2h, 7d, not '{text}'.");
    }
}
