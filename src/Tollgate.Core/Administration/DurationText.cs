using System.Globalization;

namespace Tollgate.Core.Administration;

/// <summary>A span of time as administrators type it: a whole count and one unit, <c>90s</c>, <c>30m</c>, <c>24h</c>, <c>90d</c>.</summary>
public static class DurationText
{
    /// <summary>At most this many units: far beyond any grace, expiry or look-back that makes sense.</summary>
    private const long MaxAmount = 100_000;

    public static bool TryParse(string? text, out TimeSpan span)
    {
        span = default;
        if (text is not { Length: > 1 }
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount is 0 or > MaxAmount)
        {
            return false;
        }

        TimeSpan? parsed = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
        span = parsed ?? default;
        return parsed is not null;
    }
}
