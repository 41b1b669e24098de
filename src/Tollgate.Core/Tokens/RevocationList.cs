using System.Collections.Concurrent;

namespace Tollgate.Core.Tokens;

/// <summary>
/// Revoked tokens and credentials, in memory, checked on every API call. Kept coherent across processes
/// by the change feed; entries go once the tokens they concern would have expired anyway.
/// </summary>
public sealed class RevocationList
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _rotatedBefore = new(StringComparer.Ordinal);

    /// <summary>A token revoked through RFC 7009, kept until its own expiry.</summary>
    public void RevokeToken(string jwtId, DateTimeOffset expiresAt) => _tokens[jwtId] = expiresAt;

    /// <summary>A credential revoked: every token it got is refused.</summary>
    public void RevokeClient(string clientId, DateTimeOffset revokedAt) => _clients[clientId] = revokedAt;

    /// <summary>A credential's secret rotated: tokens issued before that second are refused.</summary>
    public void SetRotated(string clientId, DateTimeOffset rotatedAt) => _rotatedBefore[clientId] = rotatedAt;

    public bool IsRevoked(AccessTokenInfo token)
    {
        if (!_tokens.IsEmpty && _tokens.ContainsKey(token.JwtId))
        {
            return true;
        }

        if (!_clients.IsEmpty && (_clients.ContainsKey(token.ClientId) || (token.Actor is { } actor && _clients.ContainsKey(actor.Subject))))
        {
            return true;
        }

        return !_rotatedBefore.IsEmpty
            && _rotatedBefore.TryGetValue(token.Actor?.Subject ?? token.ClientId, out var rotated)
            && token.IssuedAt.ToUnixTimeSeconds() < rotated.ToUnixTimeSeconds();
    }

    /// <summary>Drops entries that can no longer matter: no token they concern is still alive.</summary>
    public void Prune(DateTimeOffset now, TimeSpan maxTokenLifetime)
    {
        foreach (var (jti, expires) in _tokens)
        {
            if (expires <= now)
            {
                _tokens.TryRemove(jti, out _);
            }
        }

        PruneOlderThan(_clients, now - maxTokenLifetime);
        PruneOlderThan(_rotatedBefore, now - maxTokenLifetime);
    }

    private static void PruneOlderThan(ConcurrentDictionary<string, DateTimeOffset> entries, DateTimeOffset cutoff)
    {
        foreach (var (key, at) in entries)
        {
            if (at < cutoff)
            {
                entries.TryRemove(key, out _);
            }
        }
    }
}
