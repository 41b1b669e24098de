using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Accounts;

namespace Tollgate.Server.Admin;

/// <summary>A console administrator as the admin API shows it (never a password or a TOTP key).</summary>
internal sealed record AdminAdministratorDto(
    string Id, string Email, string Cloud, string Role, string? MspId, string? CustomerId, bool TwoFactor, string Status, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt)
{
    public static AdminAdministratorDto From(AdministratorAccount a) =>
        new(a.Id, a.Email, a.Cloud.Value, AdminRoles.Name(a.Role) ?? "none", a.MspId, a.CustomerId, a.TwoFactorEnabled, AdministratorStatus.Of(a), a.CreatedAt, a.LastSignInAt);
}

/// <summary>An administrator just invited or reset, with its one-time password: shown in this answer only.</summary>
internal sealed record AdminInvitationDto(AdminAdministratorDto Administrator, string OneTimePassword);

/// <summary>The body of <c>POST /admin/v1/administrators</c>: <c>mspId</c> for msp-admin, <c>customerId</c> for customer-admin.</summary>
internal sealed record AdminAdministratorInput(string? Email, string? Role, string? MspId, string? CustomerId);
