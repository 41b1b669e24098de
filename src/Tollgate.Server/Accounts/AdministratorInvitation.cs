using Tollgate.Core.Stores;

namespace Tollgate.Server.Accounts;

/// <summary>An account just created or reset, with the one-time password to hand over (shown once, never stored).</summary>
public sealed record AdministratorInvitation(AdministratorAccount Account, string OneTimePassword)
{
    /// <summary>Never the password: a record's generated ToString would print it into any log line or message that formats one.</summary>
    public override string ToString() => $"{Account.Email} (one-time password withheld)";
}
