using System.Text;
using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage.Stores;

internal sealed class EfAdministratorStore(TollgateStore store) : IAdministratorStore
{
    public async Task<StoreWrite> AddAsync(AdministratorAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var db = store.CreateContext();
        var name = account.NormalizedUserName ?? throw new ArgumentException("The account has no normalized user name.", nameof(account));
        if (await db.Administrators.AnyAsync(a => a.NormalizedUserName == name, cancellationToken).ConfigureAwait(false))
        {
            return StoreWrite.Conflict;
        }

        var entity = new AdministratorEntity
        {
            Id = account.Id,
            Cloud = account.Cloud.Value,
            Email = account.Email,
            NormalizedUserName = name,
            Role = (int)account.Role,
            MspId = account.MspId,
            CustomerId = account.CustomerId,
            SecurityStamp = account.SecurityStamp,
            ConcurrencyStamp = account.ConcurrencyStamp,
            CreatedAt = account.CreatedAt,
            CreatedBy = account.CreatedBy,
        };
        CopyMutable(account, entity);
        db.Administrators.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return StoreWrite.Written;
        }
        catch (DbUpdateException)
        {
            // Two writers raced for one address: the unique index decided.
            return StoreWrite.Conflict;
        }
    }

    public async Task<AdministratorAccount?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var row = await db.Administrators.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToAccount(row);
    }

    public async Task<AdministratorAccount?> FindByNormalizedUserNameAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var row = await db.Administrators.AsNoTracking().FirstOrDefaultAsync(a => a.NormalizedUserName == normalizedUserName, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToAccount(row);
    }

    public async Task<IReadOnlyList<AdministratorAccount>> ListAsync(CloudName? cloud, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var query = db.Administrators.AsNoTracking();
        if (cloud is { } c)
        {
            query = query.Where(a => a.Cloud == c.Value);
        }

        var rows = await query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToAccount)];
    }

    public async Task<StoreWrite> ReplaceAsync(AdministratorAccount account, string expectedConcurrencyStamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var db = store.CreateContext();
        var key = Protect(account);
        // The condition is in the UPDATE itself: of two writers, the second finds nothing to change.
        var changed = await db.Administrators
            .Where(a => a.Id == account.Id && a.ConcurrencyStamp == expectedConcurrencyStamp)
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Email, account.Email)
                    .SetProperty(a => a.PasswordHash, account.PasswordHash)
                    .SetProperty(a => a.SecurityStamp, account.SecurityStamp)
                    .SetProperty(a => a.ConcurrencyStamp, account.ConcurrencyStamp)
                    .SetProperty(a => a.MustChangePassword, account.MustChangePassword)
                    .SetProperty(a => a.Disabled, account.Disabled)
                    .SetProperty(a => a.TwoFactorEnabled, account.TwoFactorEnabled)
                    .SetProperty(a => a.AuthenticatorKey, key)
                    .SetProperty(a => a.AccessFailedCount, account.AccessFailedCount)
                    .SetProperty(a => a.LockoutEnabled, account.LockoutEnabled)
                    .SetProperty(a => a.LockoutEnd, account.LockoutEnd)
                    .SetProperty(a => a.LastSignInAt, account.LastSignInAt),
                cancellationToken).ConfigureAwait(false);
        if (changed > 0)
        {
            return StoreWrite.Written;
        }

        return await db.Administrators.AnyAsync(a => a.Id == account.Id, cancellationToken).ConfigureAwait(false) ? StoreWrite.Conflict : StoreWrite.NotFound;
    }

    private void CopyMutable(AdministratorAccount account, AdministratorEntity entity)
    {
        entity.PasswordHash = account.PasswordHash;
        entity.MustChangePassword = account.MustChangePassword;
        entity.Disabled = account.Disabled;
        entity.TwoFactorEnabled = account.TwoFactorEnabled;
        entity.AuthenticatorKey = Protect(account);
        entity.AccessFailedCount = account.AccessFailedCount;
        entity.LockoutEnabled = account.LockoutEnabled;
        entity.LockoutEnd = account.LockoutEnd;
        entity.LastSignInAt = account.LastSignInAt;
    }

    private byte[]? Protect(AdministratorAccount account) =>
        account.AuthenticatorKey is null ? null : store.Protector.Protect(Encoding.UTF8.GetBytes(account.AuthenticatorKey), AuthenticatorKeyId(account.Id));

    private AdministratorAccount ToAccount(AdministratorEntity row) => new()
    {
        Id = row.Id,
        Cloud = CloudName.Parse(row.Cloud),
        Email = row.Email,
        NormalizedUserName = row.NormalizedUserName,
        Role = (AdminRole)row.Role,
        MspId = row.MspId,
        CustomerId = row.CustomerId,
        PasswordHash = row.PasswordHash,
        SecurityStamp = row.SecurityStamp,
        ConcurrencyStamp = row.ConcurrencyStamp,
        MustChangePassword = row.MustChangePassword,
        Disabled = row.Disabled,
        TwoFactorEnabled = row.TwoFactorEnabled,
        AuthenticatorKey = row.AuthenticatorKey is null ? null : Encoding.UTF8.GetString(store.Unprotect(row.AuthenticatorKey, AuthenticatorKeyId(row.Id), $"The two-factor key of administrator {row.Id}")),
        AccessFailedCount = row.AccessFailedCount,
        LockoutEnabled = row.LockoutEnabled,
        LockoutEnd = row.LockoutEnd,
        CreatedAt = row.CreatedAt,
        CreatedBy = row.CreatedBy,
        LastSignInAt = row.LastSignInAt,
    };

    /// <summary>What the encryption of a TOTP key is bound to: it cannot be moved to another account's row.</summary>
    private static string AuthenticatorKeyId(string accountId) => "totp:" + accountId;
}
