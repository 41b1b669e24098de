namespace Tollgate.Cli;

/// <summary>An operation the store refused (unknown id, conflict, no store): one line on stderr, exit code 1.</summary>
internal sealed class RefusedException : Exception
{
    public RefusedException()
    {
    }

    public RefusedException(string message)
        : base(message)
    {
    }

    public RefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
