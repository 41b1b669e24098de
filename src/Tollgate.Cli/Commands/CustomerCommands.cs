using System.CommandLine;
using Tollgate.Core.Stores;
using Tollgate.Core.Ids;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate customers create --name N [--cloud C] [--msp MSP_ID]</c>, <c>tollgate customers list [--cloud C] [--msp MSP_ID]</c>.</summary>
internal static class CustomerCommands
{
    public static Command Build(TextWriter output)
    {
        var name = new Option<string>("--name") { Description = "The customer's name.", Required = true };
        var msp = new Option<string?>("--msp") { Description = "The MSP that manages it." };
        var create = new Command("create", "Create a customer; its id is its GCID.") { name, msp, CommonOptions.Cloud };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var cloud = CloudArgument.Parse(parse.GetValue(CommonOptions.Cloud), CommonOptions.Load(parse)); // bad usage before any store
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var customer = AdminSession.Require(await session.Tenants.CreateCustomerAsync(cloud, parse.GetValue(name)!, parse.GetValue(msp), null, AdminSession.Actor, cancellationToken));
            Write(output, parse, [customer], single: true);
        });
        var mspFilter = new Option<string?>("--msp") { Description = "Only the customers of this MSP." };
        var list = new Command("list", "List customers.") { mspFilter, CommonOptions.Cloud };
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var session = await AdminSession.OpenAsync(parse, cancellationToken);
            var cloud = CloudArgument.ParseOptional(parse.GetValue(CommonOptions.Cloud), session.Options);
            MspId? mspId = null;
            if (parse.GetValue(mspFilter) is { } id)
            {
                mspId = MspId.Parse(AdminSession.Require(await session.Tenants.FindMspAsync(id, cancellationToken)).Id); // an unknown MSP is an error, not an empty list
            }

            Write(output, parse, await session.Tenants.ListCustomersAsync(cloud, mspId, cancellationToken), single: false);
        });
        return new Command("customers", "Customers (tenants).") { create, list };
    }

    private static void Write(TextWriter output, ParseResult parse, IReadOnlyList<CustomerRecord> customers, bool single)
    {
        if (parse.GetValue(CommonOptions.Json))
        {
            Output.JsonItems(output, customers, single, (w, customer) =>
            {
                w.WriteString("id", customer.Id);
                w.WriteString("customerName", customer.CustomerName);
                w.WriteString("cloud", customer.Cloud.Value);
                w.WriteString("mspId", customer.MspId); // null when no MSP manages it
            });
        }
        else
        {
            Output.Table(output, ["ID", "NAME", "CLOUD", "MSP", "CREATED"], customers.Select(c => new[] { c.Id, c.CustomerName, c.Cloud.Value, c.MspId, Output.Time(c.CreatedOn) }));
        }
    }
}
