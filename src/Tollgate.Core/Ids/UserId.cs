using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Tollgate.Core.Ids;

/// <summary>The id of a user of a customer: a positive number the store assigns.</summary>
public readonly record struct UserId
{
    private UserId(long value) => Value = value;

    public long Value { get; }

    public static UserId From(long value) =>
        value > 0 ? new UserId(value) : throw new ArgumentOutOfRangeException(nameof(value), "A user id is positive.");

    public static bool TryFrom(long value, out UserId id)
    {
        id = value > 0 ? new UserId(value) : default;
        return value > 0;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out UserId id)
    {
        id = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        id = new UserId(value);
        return true;
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
