namespace Tollgate.Cli;

/// <summary>Who the audit trail names for an admin command run from a shell.</summary>
internal static class Actor
{
    public static string Current => $"cli:{Environment.UserName}@{Environment.MachineName}";
}
