using Microsoft.AspNetCore.Identity;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Accounts;

/// <summary>
/// ASP.NET Core Identity's user store on Tollgate's own <see cref="IAdministratorStore"/> (SQLite or
/// PostgreSQL): password hashes, security stamps, lockout and the TOTP key. An account's user name is its cloud
/// and e-mail address (<see cref="UserName"/>): one person may administer several clouds with one address.
/// </summary>
internal sealed class AdministratorUserStore(IAdministratorStore store) :
    IUserPasswordStore<AdministratorAccount>,
    IUserSecurityStampStore<AdministratorAccount>,
    IUserLockoutStore<AdministratorAccount>,
    IUserTwoFactorStore<AdministratorAccount>,
    IUserAuthenticatorKeyStore<AdministratorAccount>
{
    /// <summary>The name Identity validates and normalizes: <c>cloud/e-mail</c>.</summary>
    public static string UserName(string cloud, string email) => cloud + "/" + email;

    public Task<string> GetUserIdAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(AdministratorAccount user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(UserName(user.Cloud.Value, user.Email));

    public Task SetUserNameAsync(AdministratorAccount user, string? userName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("An administrator's user name follows from its cloud and e-mail address.");

    public Task<string?> GetNormalizedUserNameAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(AdministratorAccount user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName;
        return Task.CompletedTask;
    }

    public async Task<IdentityResult> CreateAsync(AdministratorAccount user, CancellationToken cancellationToken) =>
        await store.AddAsync(user, cancellationToken).ConfigureAwait(false) == StoreWrite.Written
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.Email));

    public async Task<IdentityResult> UpdateAsync(AdministratorAccount user, CancellationToken cancellationToken)
    {
        var expected = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var written = await store.ReplaceAsync(user, expected, cancellationToken).ConfigureAwait(false);
        if (written == StoreWrite.Written)
        {
            return IdentityResult.Success;
        }

        user.ConcurrencyStamp = expected;
        return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public Task<IdentityResult> DeleteAsync(AdministratorAccount user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Administrators are disabled, never deleted: the audit trail names them.");

    public Task<AdministratorAccount?> FindByIdAsync(string userId, CancellationToken cancellationToken) => store.FindAsync(userId, cancellationToken);

    public Task<AdministratorAccount?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        store.FindByNormalizedUserNameAsync(normalizedUserName, cancellationToken);

    public Task SetPasswordHashAsync(AdministratorAccount user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(AdministratorAccount user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(AdministratorAccount user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(AdministratorAccount user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(AdministratorAccount user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task SetTwoFactorEnabledAsync(AdministratorAccount user, bool enabled, CancellationToken cancellationToken)
    {
        user.TwoFactorEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task<bool> GetTwoFactorEnabledAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(user.TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(AdministratorAccount user, string key, CancellationToken cancellationToken)
    {
        user.AuthenticatorKey = key;
        return Task.CompletedTask;
    }

    public Task<string?> GetAuthenticatorKeyAsync(AdministratorAccount user, CancellationToken cancellationToken) => Task.FromResult(user.AuthenticatorKey);

    public void Dispose()
    {
    }
}
