using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;
using Tollgate.Core.Ids;

namespace Tollgate.Storage.Stores;

internal sealed class EfCredentialStore(TollgateStore store) : ICredentialStore
{
    public async ValueTask<CredentialRecord?> FindAsync(ClientId clientId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var key = clientId.Value;
        return (await db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == key, cancellationToken).ConfigureAwait(false))?.ToRecord();
    }

    public async IAsyncEnumerable<CredentialRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Owner ids, names and clouds repeat across a million credentials: one string each.
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        string Share(string value) => strings.TryGetValue(value, out var shared) ? shared : strings[value] = value;
        await using var db = store.CreateContext();
        await foreach (var entity in db.Credentials.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            entity.OwnerId = Share(entity.OwnerId);
            entity.Name = Share(entity.Name);
            entity.Cloud = Share(entity.Cloud);
            yield return entity.ToRecord();
        }
    }

    public async Task<IReadOnlyList<CredentialRecord>> ReadRevokedOrRotatedSinceAsync(DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var rows = await db.Credentials.AsNoTracking()
            .Where(c => (c.RevokedAt != null && c.RevokedAt > horizon) || (c.SecretRotatedAt != null && c.SecretRotatedAt > horizon)
                || (c.PreviousSecretUntil != null && c.PreviousSecretUntil > horizon))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(c => c.ToRecord())];
    }

    public async Task<IReadOnlyList<CredentialDetails>> ListAsync(CloudName? cloud, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var query = db.Credentials.AsNoTracking();
        if (cloud is { } c)
        {
            query = query.Where(x => x.Cloud == c.Value);
        }

        var rows = await query.OrderBy(x => x.CreatedAt).ThenBy(x => x.ClientId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(x => new CredentialDetails(x.ToRecord(), x.CreatedAt, x.CreatedBy, x.LastUsedAt, x.PreviousSecretLastUsedAt))];
    }

    public async Task AddAsync(CredentialRecord credential, DateTimeOffset createdAt, string createdBy, JournalEntry journal, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var entity = new CredentialEntity
        {
            ClientId = credential.ClientId,
            Cloud = credential.Cloud.Value,
            OwnerId = credential.OwnerId,
            Name = credential.Name,
            SecretHash = credential.SecretHash,
            CreatedAt = createdAt,
            CreatedBy = createdBy,
        };
        credential.CopyTo(entity);
        db.Credentials.Add(entity);
        Journal.Add(db, journal);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreWrite> ReplaceAsync(CredentialRecord updated, int expectedVersion, JournalEntry journal, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The condition is in the UPDATE itself: of two writers, the second finds nothing to change.
        var allow = updated.AllowList.ToString();
        var quota = TokenQuota.Format(updated.Quota);
        var keys = updated.PublicKeys.ToJson();
        var changed = await db.Credentials
            .Where(c => c.ClientId == updated.ClientId && c.RevokedAt == null && c.Version == expectedVersion)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Name, updated.Name)
                    .SetProperty(c => c.Scopes, (int)updated.Scopes)
                    .SetProperty(c => c.AllowList, allow)
                    .SetProperty(c => c.Quota, quota)
                    .SetProperty(c => c.ExpiresAt, updated.ExpiresAt)
                    .SetProperty(c => c.PreviousSecretHash, updated.PreviousSecretHash)
                    .SetProperty(c => c.PreviousHashVersion, updated.PreviousHashVersion)
                    .SetProperty(c => c.PreviousSecretUntil, updated.PreviousSecretUntil)
                    .SetProperty(c => c.PublicKeys, keys)
                    .SetProperty(c => c.RequireDpop, updated.RequireDpop)
                    .SetProperty(c => c.HashVersion, updated.HashVersion)
                    .SetProperty(c => c.SecretHash, updated.SecretHash)
                    .SetProperty(c => c.RevokedAt, updated.RevokedAt)
                    .SetProperty(c => c.SecretRotatedAt, updated.SecretRotatedAt)
                    .SetProperty(c => c.SecretGeneration, updated.SecretGeneration)
                    .SetProperty(c => c.Version, updated.Version),
                cancellationToken).ConfigureAwait(false);
        if (changed == 0)
        {
            return await db.Credentials.AnyAsync(c => c.ClientId == updated.ClientId, cancellationToken).ConfigureAwait(false) ? StoreWrite.Conflict : StoreWrite.NotFound;
        }

        Journal.Add(db, journal);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return StoreWrite.Written;
    }

    public async Task RecordLastUsedAsync(IReadOnlyCollection<KeyValuePair<SecretUse, DateTimeOffset>> lastUsed, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var ((clientId, generation), at) in lastUsed)
        {
            // The generation says which secret: the current one's, or (one behind) the previous one's in its grace.
            // One statement either way; a generation older than that (a stale queue) changes nothing.
            await db.Credentials.Where(c => c.ClientId == clientId && (c.SecretGeneration == generation || (c.SecretGeneration == generation + 1 && c.PreviousSecretHash != null)))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(c => c.LastUsedAt, c => c.SecretGeneration == generation ? at : c.LastUsedAt)
                        .SetProperty(c => c.PreviousSecretLastUsedAt, c => c.SecretGeneration == generation ? c.PreviousSecretLastUsedAt : at),
                    cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
