namespace Tollgate.Client;

/// <summary>Tokens for one purpose (a scope, or one MSP customer): cached, refreshed ahead of time, shared by concurrent callers.</summary>
public interface ITokenSource
{
    /// <summary>A usable token: the cached one when it is still good, else a fresh one (one request, however many callers wait).</summary>
    /// <param name="cancellationToken">Cancels this caller's wait, not the shared request.</param>
    ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets <paramref name="token"/> (an API answered 401 to it), so the next call fetches a new one.</summary>
    /// <param name="token">The token that was refused.</param>
    void Invalidate(AccessToken token);
}
