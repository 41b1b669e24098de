using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Server.Options;

namespace Tollgate.Server.Dpop;

/// <summary>
/// Server nonces for DPoP (RFC 9449 §8): stateless, a period number and its HMAC, so any node with the same
/// <see cref="DpopOptions.NonceKey"/> accepts what another issued. A nonce is good in its period and the next.
/// </summary>
internal sealed class DpopNonces
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly long _periodTicks;
    // One reference, swapped whole: a reader never sees one period's number with another's nonce.
    private Issued? _current;

    public DpopNonces(IOptions<TollgateServerOptions> options, TimeProvider time)
    {
        var dpop = options.Value.Dpop;
        _key = string.IsNullOrEmpty(dpop.NonceKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(dpop.NonceKey);
        _time = time;
        _periodTicks = Math.Max(TimeSpan.TicksPerSecond, dpop.NonceLifetime.Ticks);
        Required = dpop.RequireNonce;
    }

    public bool Required { get; }

    /// <summary>The nonce to hand out now.</summary>
    public string Current()
    {
        var period = Period();
        var current = _current;
        if (current is null || current.Period != period)
        {
            current = new Issued(period, Make(period));
            _current = current;
        }

        return current.Nonce;
    }

    /// <summary>Whether <paramref name="nonce"/> was issued here (any node sharing the key) in this period or the last.</summary>
    public bool IsValid(string? nonce)
    {
        if (string.IsNullOrEmpty(nonce) || nonce.Length > 64)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(nonce);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length != 24)
        {
            return false;
        }

        var period = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var now = Period();
        return (period == now || period == now - 1) && CryptographicOperations.FixedTimeEquals(bytes.AsSpan(8), Mac(period));
    }

    private long Period() => _time.GetUtcNow().UtcTicks / _periodTicks;

    private string Make(long period)
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, period);
        Mac(period).CopyTo(bytes, 8);
        return Base64UrlEncoder.Encode(bytes);
    }

    private byte[] Mac(long period)
    {
        Span<byte> data = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(data, period);
        return HMACSHA256.HashData(_key, data)[..16];
    }

    private sealed record Issued(long Period, string Nonce);
}
