namespace Tollgate.Cli;

/// <summary>A usage or input error: printed as one line on stderr, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message)
{
    /// <summary>The text of a file an option names; one that cannot be read is this option's usage error.</summary>
    public static string ReadFile(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option}: cannot read {path}: {ex.Message}");
        }
    }
}
