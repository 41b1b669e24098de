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
    TimeProvider time,
    ILogger<CacheCoherence> logger)
{
    private const int BatchSize = 500;
    private long _seq;

    public long Position => Interlocked.Read(ref _seq);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Read the position first: anything written after it is replayed by the next poll.
        _seq = await feed.LatestAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var horizon = now - clouds.MaxTokenLifetime;
        await using var db = store.CreateContext();
        foreach (var token in await db.RevokedTokens.AsNoTracking().Where(t => t.ExpiresAt > now).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            revocations.RevokeToken(token.JwtId, token.ExpiresAt);
        }

        var changed = await db.Credentials.AsNoTracking()
            .Where(c => (c.RevokedAt != null && c.RevokedAt > horizon) || (c.SecretRotatedAt != null && c.SecretRotatedAt > horizon))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var credential in changed)
        {
            Apply(credential);
        }

        await clouds.ReloadAllAsync(cancellationToken).ConfigureAwait(false);
        await customers.LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies every change after the last one seen; returns how many.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var changes = await feed.ReadAfterAsync(_seq, BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var change in changes)
            {
                await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _seq, change.Seq);
            }

            total += changes.Count;
            if (changes.Count < BatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            Log.ChangesApplied(logger, total, _seq);
        }

        return total;
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
                        Apply(credential);
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

    private void Apply(CredentialEntity credential)
    {
        if (credential.RevokedAt is { } revokedAt)
        {
            revocations.RevokeClient(credential.ClientId, revokedAt);
        }

        if (credential.SecretRotatedAt is { } rotatedAt)
        {
            revocations.SetRotated(credential.ClientId, rotatedAt);
        }
    }
}
