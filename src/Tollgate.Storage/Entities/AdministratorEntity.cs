namespace Tollgate.Storage.Entities;

/// <summary>A console administrator's account (its TOTP key encrypted with the store's master key).</summary>
internal sealed class AdministratorEntity
{
    public required string Id { get; set; }

    public required string Cloud { get; set; }

    public required string Email { get; set; }

    public required string NormalizedUserName { get; set; }

    public int Role { get; set; }

    public string? MspId { get; set; }

    public string? CustomerId { get; set; }

    public string? PasswordHash { get; set; }

    public required string SecurityStamp { get; set; }

    public required string ConcurrencyStamp { get; set; }

    public bool MustChangePassword { get; set; }

    public bool Disabled { get; set; }

    public bool TwoFactorEnabled { get; set; }

    public byte[]? AuthenticatorKey { get; set; }

    public int AccessFailedCount { get; set; }

    public bool LockoutEnabled { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
