namespace Tollgate.Cli;

/// <summary>An API call answered with an error status: printed as one line on stderr, exit code 1.</summary>
internal sealed class CallFailedException(string message) : Exception(message);
