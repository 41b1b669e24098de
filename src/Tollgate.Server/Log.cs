using Microsoft.Extensions.Logging;

namespace Tollgate.Server;

/// <summary>Every log line of the server. Secrets and tokens never appear: client ids and token ids are logged as short hashes.</summary>
internal static partial class Log
{
    [LoggerMessage(2, LogLevel.Debug, "Loaded {Count} signing keys of cloud {Cloud}")]
    public static partial void KeysLoaded(ILogger logger, string cloud, int count);

    [LoggerMessage(3, LogLevel.Information, "Signing key schedule of cloud {Cloud} changed")]
    public static partial void KeyScheduleChanged(ILogger logger, string cloud);

    [LoggerMessage(4, LogLevel.Debug, "Issued a token to client #{ClientHash} on cloud {Cloud}")]
    public static partial void TokenIssued(ILogger logger, string clientHash, string cloud);

    [LoggerMessage(5, LogLevel.Information, "Client authentication failed for client #{ClientHash} from {Source} on cloud {Cloud}: {Error}")]
    public static partial void ClientAuthenticationFailed(ILogger logger, string clientHash, string? source, string cloud, string error);

    [LoggerMessage(6, LogLevel.Warning, "Background task {Task} failed; it will retry")]
    public static partial void BackgroundFailed(ILogger logger, Exception exception, string task);

    [LoggerMessage(7, LogLevel.Error, "Unhandled error on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(8, LogLevel.Debug, "Applied {Count} changes from the change feed (up to #{Seq})")]
    public static partial void ChangesApplied(ILogger logger, int count, long seq);

    [LoggerMessage(10, LogLevel.Warning, "Store unavailable on {Method} {Path} ({Error}); answered 503")]
    public static partial void StoreUnavailable(ILogger logger, string method, string path, string error);

    [LoggerMessage(9, LogLevel.Information, "Token #{TokenHash} of client #{ClientHash} revoked")]
    public static partial void TokenRevoked(ILogger logger, string tokenHash, string clientHash);
}
