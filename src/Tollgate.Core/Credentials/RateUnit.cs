namespace Tollgate.Core.Credentials;

/// <summary>The window of a <see cref="TokenRate"/>.</summary>
public enum RateUnit
{
    Minute,
    Hour,
    Day,
}
