using System.CommandLine;
using Tollgate.Core.Stores;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate msps create --name N [--cloud C]</c>, <c>tollgate msps list [--cloud C]</c>.</summary>
internal static class MspCommands
{
    public static Command Build(TextWriter output)
    {
        var name = new Option<string>("--name") { Description = "The MSP's name.", Required = true };
        var create = new Command("create", "Create a managed-service provider.") { name, CommonOptions.Cloud };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var cloud = CloudArgument.Parse(parse.GetValue(CommonOptions.Cloud), CommonOptions.Load(parse)); // bad usage before any store
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var msp = AdminSession.Require(await session.Tenants.CreateMspAsync(cloud, parse.GetValue(name)!, AdminSession.Actor, cancellationToken));
            Write(output, parse, [msp], single: true);
        });
        var list = new Command("list", "List managed-service providers.") { CommonOptions.Cloud };
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var cloud = CloudArgument.ParseOptional(parse.GetValue(CommonOptions.Cloud), session.Options);
            Write(output, parse, await session.Tenants.ListMspsAsync(cloud, cancellationToken), single: false);
        });
        return new Command("msps", "Managed-service providers.") { create, list };
    }

    private static void Write(TextWriter output, ParseResult parse, IReadOnlyList<MspRecord> msps, bool single)
    {
        if (parse.GetValue(CommonOptions.Json))
        {
            Output.JsonItems(output, msps, single, (w, msp) =>
            {
                w.WriteString("id", msp.Id);
                w.WriteString("name", msp.Name);
                w.WriteString("cloud", msp.Cloud.Value);
            });
        }
        else
        {
            Output.Table(output, ["ID", "NAME", "CLOUD", "CREATED"], msps.Select(m => new[] { m.Id, m.Name, m.Cloud.Value, Output.Time(m.CreatedAt) }));
        }
    }
}
