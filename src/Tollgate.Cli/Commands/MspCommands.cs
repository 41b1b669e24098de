using System.CommandLine;
using Tollgate.Storage;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate msps create --name N [--cloud C]</c>.</summary>
internal static class MspCommands
{
    public static Command Build(TextWriter output)
    {
        var name = new Option<string>("--name") { Description = "The MSP's name.", Required = true };
        var create = new Command("create", "Create a managed-service provider.") { name, CommonOptions.Cloud };
        create.SetAction(async (parse, cancellationToken) =>
        {
            using var store = CommonOptions.OpenStore(parse, out _);
            await store.MigrateAsync(cancellationToken);
            var msp = await new Administration(store, Actor.Current).CreateMspAsync(CloudArgument.Parse(parse.GetValue(CommonOptions.Cloud)), parse.GetValue(name)!, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.Json(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", msp.Id);
                    w.WriteString("name", msp.Name);
                    w.WriteString("cloud", msp.Cloud);
                    w.WriteEndObject();
                });
            }
            else
            {
                Output.Table(output, ["ID", "NAME", "CLOUD"], [[msp.Id, msp.Name, msp.Cloud]]);
            }
        });
        return new Command("msps", "Managed-service providers.") { create };
    }
}
