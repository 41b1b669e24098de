using Microsoft.AspNetCore.Http;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;

namespace Tollgate.Server.Admin;

/// <summary>
/// Who administers, and over what: the role and the tenant it is bound to on one cloud. The admin API reads it
/// from an administrator credential's token, the console from the signed-in account: one set of rules for both.
/// </summary>
internal sealed record AdminScope(CloudName Cloud, AdminRole Role, string? MspId, string? CustomerId)
{
    public static AdminScope Of(AccessTokenInfo token) => new(token.Cloud, token.Role, token.MspId, token.CustomerId);

    public static AdminScope Of(AdministratorAccount account) => new(account.Cloud, account.Role, account.MspId, account.CustomerId);

    public bool IsCloudWide => AdminRoles.IsCloudWide(Role);

    public bool MayChange => Role is not (AdminRole.None or AdminRole.CloudAdminReadOnly);
}

/// <summary>The admin API caller's <see cref="AdminScope"/>.</summary>
internal static class AdminScopeExtensions
{
    public static AdminScope AdminScope(this HttpContext context) => Admin.AdminScope.Of(context.GetTollgateToken());
}
