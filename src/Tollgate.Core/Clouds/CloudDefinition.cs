namespace Tollgate.Core.Clouds;

/// <summary>What Tollgate needs to know about one cloud to issue and check its tokens.</summary>
/// <param name="Name">The cloud.</param>
/// <param name="Issuer">The <c>iss</c> of its tokens; its base URL exactly (RFC 8414 §2).</param>
/// <param name="Audience">The <c>aud</c> of its tokens: the APIs of this cloud.</param>
/// <param name="CustomerTokenLifetime">Lifetime of customer tokens (Druva: 1800 s; 900 s on Endpoints GovCloud).</param>
/// <param name="MspTokenLifetime">Lifetime of MSP tokens (Druva: 900 s).</param>
public sealed record CloudDefinition(
    CloudName Name,
    string Issuer,
    string Audience,
    TimeSpan CustomerTokenLifetime,
    TimeSpan MspTokenLifetime)
{
    /// <summary>The longest lifetime of any token this cloud issues: how long a retired key stays published.</summary>
    public TimeSpan MaxTokenLifetime => CustomerTokenLifetime > MspTokenLifetime ? CustomerTokenLifetime : MspTokenLifetime;
}
