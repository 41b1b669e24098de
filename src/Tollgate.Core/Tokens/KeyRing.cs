namespace Tollgate.Core.Tokens;

/// <summary>
/// The keys of one cloud at one moment, oldest activation first. The key that signs at time t is the
/// latest one activated by t; a key is published from its creation until every token it can have
/// signed has expired (its successor's activation plus the longest token lifetime).
/// </summary>
public sealed class KeyRing
{
    public static readonly KeyRing Empty = new([], TimeSpan.Zero);

    private readonly SigningKey[] _keys;
    private readonly Dictionary<string, SigningKey> _byKid;
    private readonly TimeSpan _maxTokenLifetime;

    public KeyRing(IEnumerable<SigningKey> keys, TimeSpan maxTokenLifetime)
    {
        _keys = [.. keys.OrderBy(k => k.ActivatesAt).ThenBy(k => k.CreatedAt)];
        _byKid = _keys.ToDictionary(k => k.Kid, StringComparer.Ordinal);
        _maxTokenLifetime = maxTokenLifetime;
    }

    public IReadOnlyList<SigningKey> Keys => _keys;

    /// <summary>The key that signs at <paramref name="now"/>, or null when none is active yet.</summary>
    public SigningKey? SigningKeyAt(DateTimeOffset now)
    {
        for (var i = _keys.Length - 1; i >= 0; i--)
        {
            if (_keys[i].ActivatesAt <= now)
            {
                return _keys[i];
            }
        }

        return null;
    }

    /// <summary>The key that will sign next, if one is already published ahead of use.</summary>
    public SigningKey? NextKeyAfter(DateTimeOffset now) => _keys.FirstOrDefault(k => k.ActivatesAt > now);

    /// <summary>When <paramref name="key"/> stops being needed to verify tokens, or null while it may still sign.</summary>
    public DateTimeOffset? RetiresAt(SigningKey key, DateTimeOffset now)
    {
        var index = Array.IndexOf(_keys, key);
        for (var i = index + 1; i < _keys.Length; i++)
        {
            if (_keys[i].ActivatesAt <= now)
            {
                return _keys[i].ActivatesAt + _maxTokenLifetime;
            }
        }

        return null;
    }

    /// <summary>Keys to publish in JWKS at <paramref name="now"/>: pending, active, and retired ones whose tokens may live.</summary>
    public IEnumerable<SigningKey> PublishedAt(DateTimeOffset now) =>
        _keys.Where(k => k.CreatedAt <= now && (RetiresAt(k, now) is not { } retires || retires > now));

    /// <summary>Finds a key by its id.</summary>
    public SigningKey? Find(string kid) => _byKid.GetValueOrDefault(kid);
}
