using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Tollgate.Core.Stores;

namespace Tollgate.Server.WebConsole;

/// <summary>Issuing the console's session cookie: a short one between password and code, the session after.</summary>
internal static class SignInFlow
{
    public const string Refused = "The e-mail address or the password is wrong, or the account is locked for a while. Try again later, or ask an administrator to reset it.";

    public static Task SignInAsync(HttpContext context, AdministratorAccount account) =>
        context.SignInAsync(ConsoleSession.Scheme, ConsoleSession.Principal(account, ConsoleSession.FullStage), new AuthenticationProperties { IsPersistent = false });

    public static Task AwaitCodeAsync(HttpContext context, AdministratorAccount account, TimeProvider time) =>
        context.SignInAsync(ConsoleSession.Scheme, ConsoleSession.Principal(account, ConsoleSession.CodeStage), new AuthenticationProperties
        {
            IsPersistent = false,
            AllowRefresh = false,
            ExpiresUtc = time.GetUtcNow().AddMinutes(5),
        });

    /// <summary>Where a signed-in administrator goes: its new password first, if it holds a one-time one.</summary>
    public static string Next(AdministratorAccount account, string? returnUrl) =>
        (account ?? throw new ArgumentNullException(nameof(account))).MustChangePassword ? ConsoleRegistration.Prefix + "/password" : Next(returnUrl);

    /// <summary>Where to go after signing in: a console path the sign-in page was sent from, never another site.</summary>
    public static string Next(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url.StartsWith(ConsoleRegistration.Prefix + "/", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : ConsoleRegistration.Prefix + "/credentials";
}
