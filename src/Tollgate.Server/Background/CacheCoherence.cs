using Microsoft.Extensions.Logging;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;
using Tollgate.Server.Caching;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.Background;

/// <summary>
/// Keeps this node's caches equal to the store: loads the revocation state at start, then applies the
/// change feed. Whatever any process changes is honoured here within one poll interval.
/// </summary>
internal sealed class CacheCoherence(
    IChangeLog changes,
    IRevocationStore revokedTokens,
    CloudRegistry clouds,
    CachedCredentialStore credentials,
    CachedCustomerStore customers,
    RevocationList revocations,
    ChangeFeedHealth health,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<Options.TollgateServerOptions> options,
    ILogger<CacheCoherence> logger) : IDisposable
{
    private const int BatchSize = 500;

    // PostgreSQL hands out sequence values at insert but commits in any order, so a reader can see #12 before
    // #11 commits. The position only moves past a missing number once it has been missing for a while (a
    // rolled-back insert leaves a hole for ever); rows above it that were already applied are remembered.
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(5);
    private readonly HashSet<long> _appliedAbove = [];
    private readonly SemaphoreSlim _polling = new(1, 1);
    private long _seq;
    private long _gapSeenAt;

    public long Position => Interlocked.Read(ref _seq);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Read the position first: anything written after it is replayed by the next poll.
        _seq = await changes.LatestAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        // Whatever a token still accepted somewhere could concern: its lifetime, the clock skew, the feed's lag.
        var horizon = now - clouds.MaxTokenLifetime - TokenTiming.ClockSkew - TokenTiming.PropagationMargin;
        foreach (var token in await revokedTokens.ListExpiringAfterAsync(now - TokenTiming.ClockSkew, cancellationToken).ConfigureAwait(false))
        {
            revocations.RevokeToken(token.JwtId, token.ExpiresAt);
        }

        foreach (var credential in await credentials.ReadRevokedOrRotatedSinceAsync(horizon, cancellationToken).ConfigureAwait(false))
        {
            Apply(credential, credential.SecretRotatedAt ?? credential.RevokedAt ?? now);
        }

        await clouds.ReloadAllAsync(cancellationToken).ConfigureAwait(false);
        await customers.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.PreloadCredentials)
        {
            await credentials.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        }

        health.Polled();
    }

    /// <summary>Applies every change not applied yet; returns how many. Safe to call beside the background poll.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var applied = await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            health.Polled();
            return applied;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            health.Failed();
            throw;
        }
        finally
        {
            _polling.Release();
        }
    }

    public void Dispose() => _polling.Dispose();

    private async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var from = _seq;
        while (true)
        {
            var batch = await changes.ReadAfterAsync(from, BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var change in batch)
            {
                if (_appliedAbove.Add(change.Seq))
                {
                    await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
                    total++;
                }
            }

            if (batch.Count < BatchSize)
            {
                break;
            }

            from = batch[^1].Seq;
        }

        Advance();
        if (total > 0)
        {
            Log.ChangesApplied(logger, total, _seq);
        }

        return total;
    }

    /// <summary>Moves the position over applied rows, and over a hole that has stayed open past the patience.</summary>
    private void Advance()
    {
        while (_appliedAbove.Count > 0)
        {
            var next = _seq + 1;
            if (_appliedAbove.Remove(next))
            {
                Interlocked.Exchange(ref _seq, next);
                _gapSeenAt = 0;
                continue;
            }

            if (_gapSeenAt == 0)
            {
                _gapSeenAt = time.GetTimestamp();
                return;
            }

            if (time.GetElapsedTime(_gapSeenAt) < GapPatience)
            {
                return;
            }

            // Never committed: skip the hole (however wide) up to the lowest row already applied.
            Interlocked.Exchange(ref _seq, _appliedAbove.Min() - 1);
            _gapSeenAt = 0;
        }
    }

    private async Task ApplyAsync(ChangeRecord change, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case ChangeKinds.Credential when ClientId.TryParse(change.Subject, out var clientId):
                if (await credentials.RefreshAsync(clientId, cancellationToken).ConfigureAwait(false) is { } credential)
                {
                    Apply(credential, time.GetUtcNow());
                }

                break;
            case ChangeKinds.SigningKeys when CloudName.TryParse(change.Cloud, out var cloud) && clouds.TryGet(cloud, out _):
                await clouds.ReloadAsync(cloud, cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.RevokedToken:
                if (await revokedTokens.FindAsync(change.Subject, cancellationToken).ConfigureAwait(false) is { } token)
                {
                    revocations.RevokeToken(token.JwtId, token.ExpiresAt);
                }

                break;
            case ChangeKinds.Customer when CustomerId.TryParse(change.Subject, out var customerId):
                await customers.RefreshAsync(customerId, cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    /// <summary>Revocation and rotation state, remembered from <paramref name="since"/> (when this node learnt it).</summary>
    private void Apply(CredentialRecord credential, DateTimeOffset since)
    {
        if (credential.RevokedAt is not null)
        {
            revocations.RevokeClient(credential.ClientId, since);
        }

        if (credential.SecretGeneration > 0)
        {
            revocations.SetSecretGeneration(credential.ClientId, credential.SecretGeneration, since, credential.PreviousSecretHash is null ? null : credential.PreviousSecretUntil);
        }
    }
}
