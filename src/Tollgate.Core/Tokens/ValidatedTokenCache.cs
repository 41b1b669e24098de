using System.Collections.Concurrent;

namespace Tollgate.Core.Tokens;

/// <summary>
/// Tokens whose signature and claims were already checked, keyed by the token text. Bounded: when full,
/// new tokens are validated without being cached until a sweep makes room.
/// </summary>
internal sealed class ValidatedTokenCache(int capacity)
{
    private readonly ConcurrentDictionary<string, AccessTokenInfo> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public bool TryGet(string token, out AccessTokenInfo info) => _entries.TryGetValue(token, out info!);

    public void Add(string token, AccessTokenInfo info)
    {
        if (_entries.Count < capacity)
        {
            _entries.TryAdd(token, info);
        }
    }

    public void RemoveExpired(DateTimeOffset before)
    {
        foreach (var (token, info) in _entries)
        {
            if (info.ExpiresAt <= before)
            {
                _entries.TryRemove(token, out _);
            }
        }
    }
}
