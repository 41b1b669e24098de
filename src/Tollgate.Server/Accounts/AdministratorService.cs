using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Tollgate.Core.Administration;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Accounts;

/// <summary>
/// Console administrators: created, listed, disabled and reset by the CLI, the console and the admin API alike,
/// and signed in by the console. ASP.NET Core Identity does the hashing, lockout, security stamps and TOTP;
/// this service adds Druva's roles, the tenant each is bound to, one-time passwords and the audit trail.
/// </summary>
public sealed class AdministratorService(
    UserManager<AdministratorAccount> users,
    IAdministratorStore store,
    TenantService tenants,
    IAuditLog audit,
    TimeProvider time)
{
    private const int MaxEmail = 254;

    // Verified against when no account has the address, so that an unknown address costs what a wrong password costs.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AdministratorAccount>().HashPassword(null!, SecretHasher.NewSecret()));

    public async Task<AdminResult<AdministratorInvitation>> CreateAsync(
        CloudName cloud, string email, AdminRole role, string? mspId, string? customerId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        email = email?.Trim() ?? string.Empty;
        if (!IsEmail(email))
        {
            return AdminError.Invalid($"An e-mail address of at most {MaxEmail} characters is required.");
        }

        var owner = await ResolveOwnerAsync(cloud, role, mspId, customerId, cancellationToken).ConfigureAwait(false);
        if (!owner.Succeeded)
        {
            return owner.Error;
        }

        var account = new AdministratorAccount
        {
            Id = Guid.NewGuid().ToString("D"),
            Cloud = cloud,
            Email = email,
            Role = role,
            MspId = owner.Value.MspId,
            CustomerId = owner.Value.CustomerId,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor.Name,
        };
        var password = OneTimePassword();
        var created = await users.CreateAsync(account, password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? AdminError.Conflict($"Cloud {cloud} already has an administrator {email}.")
                : AdminError.Invalid(Describe(created));
        }

        await AuditAsync(account, actor, AuditActions.AdministratorCreate, AdminRoles.Name(role), cancellationToken).ConfigureAwait(false);
        return new AdministratorInvitation(account, password);
    }

    public Task<IReadOnlyList<AdministratorAccount>> ListAsync(CloudName? cloud, CancellationToken cancellationToken = default) =>
        store.ListAsync(cloud, cancellationToken);

    /// <summary>The account of this cloud with this id or e-mail address.</summary>
    public async Task<AdminResult<AdministratorAccount>> FindAsync(CloudName cloud, string idOrEmail, CancellationToken cancellationToken = default)
    {
        var account = idOrEmail.Contains('@', StringComparison.Ordinal)
            ? await users.FindByNameAsync(AdministratorUserStore.UserName(cloud.Value, idOrEmail.Trim())).ConfigureAwait(false)
            : await store.FindAsync(idOrEmail, cancellationToken).ConfigureAwait(false);
        return account is not null && account.Cloud == cloud ? account : AdminError.NotFound($"No administrator {idOrEmail} on cloud {cloud}.");
    }

    /// <summary>Disables an account: its sessions end at their next request, on every node, and it cannot sign in again.</summary>
    public async Task<AdminResult<AdministratorAccount>> DisableAsync(CloudName cloud, string idOrEmail, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await FindAsync(cloud, idOrEmail, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error;
        }

        var account = found.Value;
        if (account.Disabled)
        {
            return AdminError.Conflict($"Administrator {account.Email} is already disabled.");
        }

        account.Disabled = true;
        if (await users.UpdateSecurityStampAsync(account).ConfigureAwait(false) is { Succeeded: false } failed)
        {
            return Refused(failed);
        }

        await AuditAsync(account, actor, AuditActions.AdministratorDisable, null, cancellationToken).ConfigureAwait(false);
        return account;
    }

    /// <summary>
    /// A new one-time password: the account is unlocked, its two-factor enrolment removed (a lost phone is the
    /// usual reason to ask) and every session ended; the console asks for a new password at the next sign-in.
    /// </summary>
    public async Task<AdminResult<AdministratorInvitation>> ResetPasswordAsync(CloudName cloud, string idOrEmail, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await FindAsync(cloud, idOrEmail, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error;
        }

        var account = found.Value;
        var password = OneTimePassword();
        account.PasswordHash = users.PasswordHasher.HashPassword(account, password);
        account.MustChangePassword = true;
        account.Disabled = false;
        account.TwoFactorEnabled = false;
        account.AuthenticatorKey = null;
        account.AccessFailedCount = 0;
        account.LockoutEnd = null;
        if (await users.UpdateSecurityStampAsync(account).ConfigureAwait(false) is { Succeeded: false } failed)
        {
            return Refused(failed);
        }

        await AuditAsync(account, actor, AuditActions.AdministratorResetPassword, null, cancellationToken).ConfigureAwait(false);
        return new AdministratorInvitation(account, password);
    }

    /// <summary>
    /// Checks an address and password on one cloud. Every failure is <see cref="SignInOutcome.Refused"/>, whether
    /// the address is unknown, the password wrong, or the account locked or disabled: no account oracle.
    /// </summary>
    public async Task<(SignInOutcome Outcome, AdministratorAccount? Account)> PasswordSignInAsync(
        CloudName cloud, string email, string password, IPAddress? source, CancellationToken cancellationToken = default)
    {
        email = email?.Trim() ?? string.Empty;
        password ??= string.Empty;
        var account = IsEmail(email) ? await users.FindByNameAsync(AdministratorUserStore.UserName(cloud.Value, email)).ConfigureAwait(false) : null;
        if (account is null)
        {
            users.PasswordHasher.VerifyHashedPassword(null!, DecoyHash.Value, password);
            await FailedAsync(cloud, null, source, "unknown_account", cancellationToken).ConfigureAwait(false);
            return (SignInOutcome.Refused, null);
        }

        if (account.Disabled || await users.IsLockedOutAsync(account).ConfigureAwait(false))
        {
            users.PasswordHasher.VerifyHashedPassword(account, DecoyHash.Value, password);
            await FailedAsync(cloud, account, source, account.Disabled ? "disabled" : "locked_out", cancellationToken).ConfigureAwait(false);
            return (SignInOutcome.Refused, null);
        }

        if (!await users.CheckPasswordAsync(account, password).ConfigureAwait(false))
        {
            await users.AccessFailedAsync(account).ConfigureAwait(false);
            await FailedAsync(cloud, account, source, "wrong_password", cancellationToken).ConfigureAwait(false);
            return (SignInOutcome.Refused, null);
        }

        if (account.TwoFactorEnabled)
        {
            return (SignInOutcome.CodeRequired, account);
        }

        await SignedInAsync(account, source, cancellationToken).ConfigureAwait(false);
        return (SignInOutcome.SignedIn, account);
    }

    /// <summary>The second step: a TOTP code (RFC 6238) from the enrolled authenticator. Wrong codes count toward lockout.</summary>
    public async Task<AdministratorAccount?> CodeSignInAsync(string accountId, string code, IPAddress? source, CancellationToken cancellationToken = default)
    {
        var account = await store.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null || account.Disabled || !account.TwoFactorEnabled || await users.IsLockedOutAsync(account).ConfigureAwait(false))
        {
            return null;
        }

        if (!await VerifyCodeAsync(account, code).ConfigureAwait(false))
        {
            await users.AccessFailedAsync(account).ConfigureAwait(false);
            await FailedAsync(account.Cloud, account, source, "wrong_code", cancellationToken).ConfigureAwait(false);
            return null;
        }

        await SignedInAsync(account, source, cancellationToken).ConfigureAwait(false);
        return account;
    }

    /// <summary>The signed-in account, if its session still stands: not disabled, its security stamp unchanged.</summary>
    public async Task<AdministratorAccount?> CurrentAsync(string accountId, string securityStamp, CancellationToken cancellationToken = default) =>
        await store.FindAsync(accountId, cancellationToken).ConfigureAwait(false) is { Disabled: false } account && account.SecurityStamp == securityStamp
            ? account
            : null;

    public async Task<AdminResult<AdministratorAccount>> ChangePasswordAsync(
        AdministratorAccount account, string current, string next, IPAddress? source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var changed = await users.ChangePasswordAsync(account, current ?? string.Empty, next ?? string.Empty).ConfigureAwait(false);
        if (!changed.Succeeded)
        {
            return Refused(changed);
        }

        if (account.MustChangePassword)
        {
            account.MustChangePassword = false;
            if (await users.UpdateAsync(account).ConfigureAwait(false) is { Succeeded: false } failed)
            {
                return Refused(failed);
            }
        }

        await AuditAsync(account, Self(account, source), AuditActions.AdministratorChangePassword, null, cancellationToken).ConfigureAwait(false);
        return account;
    }

    /// <summary>The TOTP key to enrol (made on first call, kept until the enrolment is confirmed or reset).</summary>
    public async Task<string> AuthenticatorKeyAsync(AdministratorAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (await users.GetAuthenticatorKeyAsync(account).ConfigureAwait(false) is { Length: > 0 } key)
        {
            return key;
        }

        // Not ResetAuthenticatorKeyAsync: that also changes the security stamp, ending the session that asks.
        account.AuthenticatorKey = users.GenerateNewAuthenticatorKey();
        var written = await users.UpdateAsync(account).ConfigureAwait(false);
        return written.Succeeded ? account.AuthenticatorKey : throw new InvalidOperationException("The account changed meanwhile.");
    }

    /// <summary>Turns two-factor sign-in on once the authenticator shows a right code; other sessions end.</summary>
    public async Task<AdminResult<AdministratorAccount>> EnableTwoFactorAsync(AdministratorAccount account, string code, IPAddress? source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.AuthenticatorKey is null || !await VerifyCodeAsync(account, code).ConfigureAwait(false))
        {
            return AdminError.Invalid("That code is not the one the authenticator shows now.");
        }

        if (await users.SetTwoFactorEnabledAsync(account, true).ConfigureAwait(false) is { Succeeded: false } failed)
        {
            return Refused(failed);
        }

        await AuditAsync(account, Self(account, source), AuditActions.AdministratorTwoFactor, "enabled", cancellationToken).ConfigureAwait(false);
        return account;
    }

    /// <summary>Who the audit trail names for what an administrator does in the console.</summary>
    public static Actor ActorOf(AdministratorAccount account, IPAddress? source) =>
        new("admin:" + (account ?? throw new ArgumentNullException(nameof(account))).Email, source);

    private static Actor Self(AdministratorAccount account, IPAddress? source) => ActorOf(account, source);

    private Task<bool> VerifyCodeAsync(AdministratorAccount account, string code) =>
        users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal));

    private async Task SignedInAsync(AdministratorAccount account, IPAddress? source, CancellationToken cancellationToken)
    {
        await users.ResetAccessFailedCountAsync(account).ConfigureAwait(false);
        account.LastSignInAt = time.GetUtcNow();
        await users.UpdateAsync(account).ConfigureAwait(false);
        await AuditAsync(account, Self(account, source), AuditActions.AdministratorSignIn, null, cancellationToken).ConfigureAwait(false);
    }

    private Task FailedAsync(CloudName cloud, AdministratorAccount? account, IPAddress? source, string reason, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            [new AuditEvent(time.GetUtcNow(), cloud.Value, account is null ? "anonymous" : ActorOf(account, null).Name, AuditActions.AdministratorSignInFailed,
                "administrator", account?.Id ?? "(unknown)", account?.MspId, account?.CustomerId, source?.ToString(), 401, reason)],
            cancellationToken);

    private Task AuditAsync(AdministratorAccount account, Actor actor, string action, string? detail, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            [new AuditEvent(time.GetUtcNow(), account.Cloud.Value, actor.Name, action, "administrator", account.Id, account.MspId, account.CustomerId, actor.Source?.ToString(), Detail: detail)],
            cancellationToken);

    private async Task<AdminResult<(string? MspId, string? CustomerId)>> ResolveOwnerAsync(
        CloudName cloud, AdminRole role, string? mspId, string? customerId, CancellationToken cancellationToken)
    {
        switch (role)
        {
            case AdminRole.CloudAdmin or AdminRole.CloudAdminReadOnly:
                return mspId is null && customerId is null
                    ? (null, null)
                    : AdminError.Invalid("A cloud administrator is bound to no MSP or customer.");
            case AdminRole.MspAdmin:
                if (customerId is not null || mspId is null)
                {
                    return AdminError.Invalid("An MSP administrator needs its MSP (--msp ID) and no customer.");
                }

                var msp = await tenants.FindMspAsync(mspId, cancellationToken).ConfigureAwait(false);
                return msp.Succeeded && msp.Value.Cloud == cloud ? (msp.Value.Id, null) : AdminError.NotFound($"No MSP {mspId} on cloud {cloud}.");
            case AdminRole.CustomerAdmin:
                if (mspId is not null || customerId is null)
                {
                    return AdminError.Invalid("A customer administrator needs its customer (--customer ID) and no MSP.");
                }

                var customer = await tenants.FindCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
                return customer.Succeeded && customer.Value.Cloud == cloud ? (null, customer.Value.Id) : AdminError.NotFound($"No customer {customerId} on cloud {cloud}.");
            default:
                return AdminError.Invalid($"role must be one of: {string.Join(", ", AdminRoles.Names)}.");
        }
    }

    private static bool IsEmail(string email) =>
        email.Length is > 0 and <= MaxEmail && !email.Any(char.IsControl) && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    private static AdminError Refused(IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
            ? AdminError.Stale("The account changed meanwhile; try again.")
            : AdminError.Invalid(Describe(result));

    /// <summary>Twenty characters in four groups (upper and lower case, digits, and the dashes as symbols): easy to read out once.</summary>
    private static string OneTimePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        while (true)
        {
            var chars = RandomNumberGenerator.GetItems<char>(alphabet, 20);
            var text = string.Join('-', chars.Chunk(5).Select(c => new string(c)));
            if (text.Any(char.IsUpper) && text.Any(char.IsLower) && text.Any(char.IsDigit))
            {
                return text;
            }
        }
    }
}
