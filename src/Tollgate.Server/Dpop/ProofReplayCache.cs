using System.Security.Cryptography;
using System.Text;

namespace Tollgate.Server.Dpop;

/// <summary>
/// The jtis of the DPoP proofs a node has accepted on its APIs, for as long as such a proof could be accepted again
/// (<paramref name="window"/>): two generations of 128-bit hashes, the older dropped whole when the newer has lived a
/// window, so an entry lives between one and two windows. Values in flat sets, no object per entry: at thousands of
/// proofs a second the memory and the garbage collector's work stay small, and forgetting costs nothing.
/// </summary>
internal sealed class ProofReplayCache(TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private HashSet<UInt128> _current = [];
    private HashSet<UInt128> _previous = [];
    private long _rotateAt = time.GetUtcNow().UtcTicks + window.Ticks;

    /// <summary>True the first time this node sees the proof <paramref name="jti"/> of the key <paramref name="jkt"/>.</summary>
    public bool TryUse(string jkt, string jti)
    {
        var key = Key(jkt, jti);
        var now = time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            if (now >= _rotateAt)
            {
                RotateLocked(now);
            }

            return !_previous.Contains(key) && _current.Add(key);
        }
    }

    /// <summary>Drops the older generation when its time has come (the sweep job calls this on a quiet node too).</summary>
    public void Rotate()
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            if (now >= _rotateAt)
            {
                RotateLocked(now);
            }
        }
    }

    private void RotateLocked(long now)
    {
        // Idle for two windows or more: everything remembered is too old to be replayed.
        _previous = now >= _rotateAt + window.Ticks ? [] : _current;
        _current = [];
        _rotateAt = now + window.Ticks;
    }

    private static UInt128 Key(string jkt, string jti)
    {
        Span<byte> hash = stackalloc byte[32];
        var text = string.Concat(jkt, "|", jti);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(text, bytes)], hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }
}
