namespace Tollgate.Storage;

/// <summary>An administrative request that cannot be carried out (unknown id, bad argument); its message is for the operator.</summary>
public sealed class AdminException : Exception
{
    public AdminException()
    {
    }

    public AdminException(string message)
        : base(message)
    {
    }

    public AdminException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
