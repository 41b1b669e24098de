namespace Tollgate.Server.Accounts;

/// <summary>How a password sign-in ended.</summary>
public enum SignInOutcome
{
    /// <summary>Wrong address or password, a locked or disabled account: one answer for all of them.</summary>
    Refused = 0,

    SignedIn = 1,

    /// <summary>The password was right; the account asks for a TOTP code next.</summary>
    CodeRequired = 2,
}
