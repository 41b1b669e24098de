namespace Tollgate.Core.Tokens;

/// <summary>
/// The margins every node applies alike, so that what one part accepts and what another remembers agree:
/// a revocation must be kept for as long as any node would still accept the token it concerns.
/// </summary>
public static class TokenTiming
{
    /// <summary>How far clocks may disagree: a token is accepted until <c>exp</c> plus this (and from <c>nbf</c> less it).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after a change was made a lagging node may still act on the old state (the change feed's
    /// one second, its five-second patience for out-of-order commits, and room to spare).
    /// </summary>
    public static readonly TimeSpan PropagationMargin = TimeSpan.FromMinutes(1);
}
