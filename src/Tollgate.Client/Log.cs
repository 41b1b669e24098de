using Microsoft.Extensions.Logging;

namespace Tollgate.Client;

/// <summary>Every log line of the SDK. Secrets and tokens never appear; client ids appear as short hashes.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Requesting a token for client #{ClientHash} at {Endpoint}")]
    public static partial void Requesting(ILogger logger, string clientHash, string endpoint);

    [LoggerMessage(2, LogLevel.Information, "Token request for client #{ClientHash} answered {Status}; retrying in {DelayMs} ms (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, string clientHash, int status, double delayMs, int attempt);

    [LoggerMessage(3, LogLevel.Warning, "Background token refresh failed; the cached token is used until it nears expiry")]
    public static partial void BackgroundRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "Token for client #{ClientHash} taken from the distributed cache")]
    public static partial void FromDistributedCache(ILogger logger, string clientHash);

    [LoggerMessage(5, LogLevel.Information, "The API answered 401; refreshing the token once and retrying")]
    public static partial void RetryingAfter401(ILogger logger);
}
