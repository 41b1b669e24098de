using Tollgate.Core.Clouds;
using Tollgate.Server.Options;

namespace Tollgate.Cli.Commands;

/// <summary>A <c>--cloud</c> value: one of the clouds this configuration knows, never a name invented on the spot.</summary>
internal static class CloudArgument
{
    /// <summary>The cloud named by <paramref name="text"/> (mainline when absent); an unknown one is bad usage (exit 2).</summary>
    public static CloudName Parse(string? text, TollgateServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (text is null)
        {
            return CloudName.Mainline;
        }

        return CloudName.TryParse(text, out var cloud) && options.Clouds.ContainsKey(cloud.Value)
            ? cloud
            : throw new CliException($"--cloud must be one of {string.Join(", ", options.Clouds.Keys)}, not '{text}'.");
    }

    /// <summary>The cloud named by <paramref name="text"/>, or null (every cloud) when absent.</summary>
    public static CloudName? ParseOptional(string? text, TollgateServerOptions options) => text is null ? null : Parse(text, options);
}
