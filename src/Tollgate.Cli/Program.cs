using System.CommandLine;
using Microsoft.Extensions.Options;
using Tollgate.Cli;
using Tollgate.Cli.Commands;

var root = new RootCommand("Tollgate: OAuth 2.0 client-credentials token service and API gateway for multi-cloud, multi-tenant APIs.")
{
    CommonOptions.Data,
    CommonOptions.Store,
    CommonOptions.Connection,
    CommonOptions.Json,
    ServeCommand.Build(Console.Out),
    MspCommands.Build(Console.Out),
    CustomerCommands.Build(Console.Out),
    CredentialCommands.Build(Console.Out),
    AdminCommands.Build(Console.Out),
    KeyCommands.Build(Console.Out),
    AuditCommands.Build(Console.Out),
    DbCommands.Build(Console.Out),
};
foreach (var command in ClientCommands.Build(Console.Out))
{
    root.Subcommands.Add(command);
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One line on stderr, as every other failure; `--help` shows the rest.
    Console.Error.WriteLine($"tollgate: {Output.Escape(string.Join("; ", parse.Errors.Select(e => e.Message)))} (see tollgate --help)");
    return 2;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliException ex)
{
    Console.Error.WriteLine($"tollgate: {Output.Escape(ex.Message)}");
    return 2;
}
catch (Tollgate.Client.TollgateTokenException ex) when (ex.Error == "unauthorized_client" && args.Contains("token") && !args.Contains("--msp"))
{
    // The commonest mix-up: an MSP credential at the customers' token endpoint.
    Console.Error.WriteLine($"tollgate: {Output.Escape(ex.Message)} (for an MSP credential, add --msp)");
    return 1;
}
catch (Exception ex) when (ex is RefusedException or CallFailedException or Tollgate.Client.TollgateTokenException or HttpRequestException)
{
    Console.Error.WriteLine($"tollgate: {Output.Escape(ex.Message)}");
    return 1;
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"tollgate: invalid configuration: {Output.Escape(string.Join(" ", ex.Failures))}");
    return 2;
}
catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
{
    Console.Error.WriteLine($"tollgate: {Output.Escape(ex.Message.ReplaceLineEndings(" "))}");
    return 1;
}

/// <summary>The entry point; internal like every type of the CLI.</summary>
internal static partial class Program;
