using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;

namespace Tollgate.Core.Stores;

/// <summary>
/// A person who signs in to one cloud's console, in one of Druva's administrator roles. Mutable: ASP.NET Core
/// Identity changes an account in place (password hash, security stamp, lockout) and then asks the store to write it.
/// </summary>
public sealed class AdministratorAccount
{
    public required string Id { get; init; }

    public required CloudName Cloud { get; init; }

    /// <summary>The sign-in name: the e-mail address, as typed.</summary>
    public required string Email { get; set; }

    /// <summary>Unique in the store: the cloud and the normalized e-mail (one address may administer several clouds).</summary>
    public string? NormalizedUserName { get; set; }

    public required AdminRole Role { get; init; }

    public string? MspId { get; init; }

    public string? CustomerId { get; init; }

    public string? PasswordHash { get; set; }

    /// <summary>Changes whenever a credential of the account changes: every session signed in before is ended.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Optimistic concurrency: the store writes an account only if this is still what it read.</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>A password the CLI printed (created or reset): the console asks for a new one before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public bool Disabled { get; set; }

    public bool TwoFactorEnabled { get; set; }

    /// <summary>The TOTP key (RFC 6238), encrypted at rest by the store.</summary>
    public string? AuthenticatorKey { get; set; }

    public int AccessFailedCount { get; set; }

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
