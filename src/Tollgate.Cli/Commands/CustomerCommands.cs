using System.CommandLine;
using Tollgate.Storage;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate customers create --name N [--cloud C] [--msp MSP_ID]</c>.</summary>
internal static class CustomerCommands
{
    public static Command Build(TextWriter output)
    {
        var name = new Option<string>("--name") { Description = "The customer's name.", Required = true };
        var msp = new Option<string?>("--msp") { Description = "The MSP that manages it." };
        var create = new Command("create", "Create a customer; its id is its GCID.") { name, msp, CommonOptions.Cloud };
        create.SetAction(async (parse, cancellationToken) =>
        {
            using var store = CommonOptions.OpenStore(parse, out _);
            await store.MigrateAsync(cancellationToken);
            var customer = await new Administration(store, Actor.Current)
                .CreateCustomerAsync(CloudArgument.Parse(parse.GetValue(CommonOptions.Cloud)), parse.GetValue(name)!, parse.GetValue(msp), cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                Output.Json(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", customer.Id);
                    w.WriteString("customerName", customer.CustomerName);
                    w.WriteString("cloud", customer.Cloud);
                    if (customer.MspId is null)
                    {
                        w.WriteNull("mspId");
                    }
                    else
                    {
                        w.WriteString("mspId", customer.MspId);
                    }

                    w.WriteEndObject();
                });
            }
            else
            {
                Output.Table(output, ["ID", "NAME", "CLOUD", "MSP"], [[customer.Id, customer.CustomerName, customer.Cloud, customer.MspId]]);
            }
        });
        return new Command("customers", "Customers (tenants).") { create };
    }
}
