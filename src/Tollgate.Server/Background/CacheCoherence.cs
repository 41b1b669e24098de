using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tollgate.Core.Clouds;
using Tollgate.Core.Tokens;
using Tollgate.Server.Caching;
using Tollgate.Server.Hosting;
using Tollgate.Storage;
using Tollgate.Storage.Entities;

namespace Tollgate.Server.Background;

/// <summary>
/// Keeps this node's caches equal to the store: loads the revocation state at start, then applies the
/// change feed. Whatever any process changes is honoured here within one poll interval.
/// </summary>
internal sealed class CacheCoherence(
    TollgateStore store,
    ChangeFeed feed,
    CloudRegistry clouds,
    CredentialCache credentials,
    CustomerDirectory customers,
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
        _seq = await feed.LatestAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        // Whatever a token still accepted somewhere could concern: its lifetime, the clock skew, the feed's lag.
        var horizon = now - clouds.MaxTokenLifetime - TokenTiming.ClockSkew - TokenTiming.PropagationMargin;
        var acceptedUntil = now - TokenTiming.ClockSkew;
        await using var db = store.CreateContext();
        foreach (var token in await db.RevokedTokens.AsNoTracking().Where(t => t.ExpiresAt > acceptedUntil).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            revocations.RevokeToken(token.JwtId, token.ExpiresAt);
        }

        var changed = await db.Credentials.AsNoTracking()
            .Where(c => (c.RevokedAt != null && c.RevokedAt > horizon) || (c.SecretRotatedAt != null && c.SecretRotatedAt > horizon))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var credential in changed)
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
            var changes = await feed.ReadAfterAsync(from, BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var change in changes)
            {
                if (_appliedAbove.Add(change.Seq))
                {
                    await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
                    total++;
                }
            }

            if (changes.Count < BatchSize)
            {
                break;
            }

            from = changes[^1].Seq;
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

    private async Task ApplyAsync(ChangeEntity change, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case ChangeKinds.Credential:
                await using (var db = store.CreateContext())
                {
                    var credential = await db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == change.Subject, cancellationToken).ConfigureAwait(false);
                    if (credential is null)
                    {
                        credentials.Invalidate(change.Subject);
                    }
                    else
                    {
                        Apply(credential, time.GetUtcNow());
                        credentials.Update(credential.ToRecord());
                    }
                }

                break;
            case ChangeKinds.SigningKeys when CloudName.TryParse(change.Cloud, out var cloud) && clouds.TryGet(cloud, out _):
                await clouds.ReloadAsync(cloud, cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.RevokedToken:
                await using (var db = store.CreateContext())
                {
                    var token = await db.RevokedTokens.AsNoTracking().FirstOrDefaultAsync(t => t.JwtId == change.Subject, cancellationToken).ConfigureAwait(false);
                    if (token is not null)
                    {
                        revocations.RevokeToken(token.JwtId, token.ExpiresAt);
                    }
                }

                break;
            case ChangeKinds.Customer:
                await customers.RefreshAsync(change.Subject, cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    /// <summary>Revocation and rotation state, remembered from <paramref name="since"/> (when this node learnt it).</summary>
    private void Apply(CredentialEntity credential, DateTimeOffset since)
    {
        if (credential.RevokedAt is not null)
        {
            revocations.RevokeClient(credential.ClientId, since);
        }

        if (credential.SecretGeneration > 0)
        {
            revocations.SetSecretGeneration(credential.ClientId, credential.SecretGeneration, since);
        }
    }
}
