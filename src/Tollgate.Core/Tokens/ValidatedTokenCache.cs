using System.Collections.Concurrent;

namespace Tollgate.Core.Tokens;

/// <summary>
/// Tokens whose signature and claims were already checked, keyed by the token text. Bounded: when full,
/// new tokens are validated without being cached until a sweep makes room. Looked up by span too, so the
/// warm API path reads the token straight out of the Authorization header without copying it.
/// </summary>
internal sealed class ValidatedTokenCache
{
    private readonly ConcurrentDictionary<string, AccessTokenInfo> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AccessTokenInfo>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _capacity;

    public ValidatedTokenCache(int capacity)
    {
        _capacity = capacity;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _entries.Count;

    public bool TryGet(ReadOnlySpan<char> token, out AccessTokenInfo info) => _bySpan.TryGetValue(token, out info!);

    public void Add(string token, AccessTokenInfo info)
    {
        if (_entries.Count < _capacity)
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
