using Tollgate.Core.Stores;

namespace Tollgate.Server.Accounts;

/// <summary>An account just created or reset, with the one-time password to hand over (shown once, never stored).</summary>
public sealed record AdministratorInvitation(AdministratorAccount Account, string OneTimePassword);
