using System.Collections.Concurrent;

namespace Tollgate.Core.Tokens;

/// <summary>
/// Revoked tokens and credentials, in memory, checked on every API call. Kept coherent across processes
/// by the change feed. An entry goes only once no node could accept any token it concerns: validators
/// accept a token until <c>exp</c> + <see cref="TokenTiming.ClockSkew"/>, so an entry outlives that.
/// </summary>
public sealed class RevocationList
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SecretGenerationFloor> _generations = new(StringComparer.Ordinal);

    /// <summary>A token revoked through RFC 7009, kept until its own expiry plus the clock skew.</summary>
    public void RevokeToken(string jwtId, DateTimeOffset expiresAt) => _tokens[jwtId] = expiresAt;

    /// <summary>A credential revoked (<paramref name="since"/>: when this node learnt it): every token it got is refused.</summary>
    public void RevokeClient(string clientId, DateTimeOffset since) =>
        _clients.AddOrUpdate(clientId, since, (_, known) => known > since ? known : since);

    /// <summary>
    /// A credential's secret rotated to <paramref name="generation"/>: every token obtained with an earlier
    /// secret is refused. Tokens carry the generation of the secret they were obtained with, so a token
    /// issued by a node that had not yet heard of the rotation is refused as soon as this node has.
    /// </summary>
    /// <remarks>
    /// With <paramref name="previousUntil"/> (a rotation's grace), tokens of the generation before stay good until then.
    /// </remarks>
    public void SetSecretGeneration(string clientId, int generation, DateTimeOffset since, DateTimeOffset? previousUntil = null) =>
        _generations.AddOrUpdate(
            clientId,
            new SecretGenerationFloor(generation, since, previousUntil),
            (_, known) => known.Generation > generation ? known : new SecretGenerationFloor(generation, since > known.Since ? since : known.Since, previousUntil));

    public bool IsRevoked(AccessTokenInfo token, DateTimeOffset now)
    {
        if (!_tokens.IsEmpty && _tokens.ContainsKey(token.JwtId))
        {
            return true;
        }

        // A customer token minted by an MSP lives and dies with the MSP's credential.
        var credential = token.Actor?.Subject ?? token.ClientId;
        if (!_clients.IsEmpty && (_clients.ContainsKey(token.ClientId) || _clients.ContainsKey(credential)))
        {
            return true;
        }

        return !_generations.IsEmpty
            && _generations.TryGetValue(credential, out var floor)
            && token.SecretGeneration < floor.Generation
            && !(token.SecretGeneration == floor.Generation - 1 && floor.PreviousUntil is { } until && now < until);
    }

    /// <summary>Drops entries that can no longer matter: no node would accept any token they concern.</summary>
    public void Prune(DateTimeOffset now, TimeSpan maxTokenLifetime)
    {
        var expiredBefore = now - TokenTiming.ClockSkew;
        foreach (var (jti, expires) in _tokens)
        {
            if (expires < expiredBefore)
            {
                _tokens.TryRemove(jti, out _);
            }
        }

        // A token obtained just before a lagging node heard of the change lives its whole lifetime after it.
        var cutoff = now - maxTokenLifetime - TokenTiming.ClockSkew - TokenTiming.PropagationMargin;
        foreach (var (clientId, since) in _clients)
        {
            if (since < cutoff)
            {
                _clients.TryRemove(clientId, out _);
            }
        }

        foreach (var (clientId, floor) in _generations)
        {
            if (floor.Since < cutoff && (floor.PreviousUntil is not { } until || until < cutoff))
            {
                _generations.TryRemove(clientId, out _);
            }
        }
    }

    private readonly record struct SecretGenerationFloor(int Generation, DateTimeOffset Since, DateTimeOffset? PreviousUntil);
}
