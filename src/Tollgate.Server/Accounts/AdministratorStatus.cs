using Tollgate.Core.Stores;

namespace Tollgate.Server.Accounts;

/// <summary>An account's state in one word, the same in the CLI, the console and the admin API.</summary>
public static class AdministratorStatus
{
    public static string Of(AdministratorAccount account) =>
        (account ?? throw new ArgumentNullException(nameof(account))).Disabled ? "disabled" : account.MustChangePassword ? "invited" : "active";
}
