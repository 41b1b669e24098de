namespace Tollgate.Core.Credentials;

/// <summary>
/// How many tokens a credential may get: up to one <see cref="TokenRate"/> per unit ("60/m 10000/d"), all of
/// which must allow a request. Written "60/m,10000/d" or with spaces; empty text is no quota.
/// </summary>
public sealed class TokenQuota
{
    private readonly TokenRate[] _rates;

    private TokenQuota(TokenRate[] rates) => _rates = rates;

    public IReadOnlyList<TokenRate> Rates => _rates;

    /// <summary>Parses <paramref name="text"/>; null <paramref name="quota"/> (and true) when it names no limit.</summary>
    public static bool TryParse(string? text, out TokenQuota? quota, out string? invalid)
    {
        quota = null;
        invalid = null;
        var parts = (text ?? string.Empty).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return true;
        }

        var rates = new List<TokenRate>(parts.Length);
        foreach (var part in parts)
        {
            if (!TokenRate.TryParse(part, out var rate))
            {
                invalid = $"'{part}' is not a rate: write a count per m, h or d, like 60/m.";
                return false;
            }

            if (rates.Exists(r => r.Unit == rate.Unit))
            {
                invalid = $"'{part}': one limit per unit (m, h, d).";
                return false;
            }

            rates.Add(rate);
        }

        rates.Sort((a, b) => a.Unit.CompareTo(b.Unit));
        quota = new TokenQuota([.. rates]);
        return true;
    }

    /// <summary>The stored and displayed form, "60/m 10000/d" (what <see cref="TryParse"/> reads back).</summary>
    public override string ToString() => string.Join(' ', _rates);

    /// <summary>"" for none: the form a store column and a form field hold.</summary>
    public static string Format(TokenQuota? quota) => quota?.ToString() ?? string.Empty;
}
