using Tollgate.Core.Clouds;

namespace Tollgate.Cli.Commands;

internal static class CloudArgument
{
    public static CloudName Parse(string? text) =>
        text is null ? CloudName.Mainline
        : CloudName.TryParse(text, out var cloud) ? cloud
        : throw new CliException($"--cloud must be a cloud name such as mainline, govcloud or govapis, not '{text}'.");
}
