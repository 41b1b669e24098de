using System.Globalization;

namespace Tollgate.Core.Credentials;

/// <summary>One limit of a <see cref="TokenQuota"/>: at most <see cref="Limit"/> tokens per <see cref="Unit"/> ("60/m").</summary>
public readonly record struct TokenRate(int Limit, RateUnit Unit)
{
    /// <summary>The largest limit accepted: far above what one node can issue in a day.</summary>
    public const int MaxLimit = 1_000_000_000;

    public TimeSpan Window => Unit switch
    {
        RateUnit.Minute => TimeSpan.FromMinutes(1),
        RateUnit.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>The policy's name in the RateLimit-Policy and RateLimit header fields.</summary>
    public string PolicyName => Unit switch
    {
        RateUnit.Minute => "minute",
        RateUnit.Hour => "hour",
        _ => "day",
    };

    public static bool TryParse(string? text, out TokenRate rate)
    {
        rate = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            || limit is < 1 or > MaxLimit)
        {
            return false;
        }

        RateUnit? unit = text![(slash + 1)..].ToUpperInvariant() switch
        {
            "M" or "MIN" or "MINUTE" => RateUnit.Minute,
            "H" or "HOUR" => RateUnit.Hour,
            "D" or "DAY" => RateUnit.Day,
            _ => null,
        };
        if (unit is not { } u)
        {
            return false;
        }

        rate = new TokenRate(limit, u);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Limit}/{Unit switch { RateUnit.Minute => "m", RateUnit.Hour => "h", _ => "d" }}");
}
