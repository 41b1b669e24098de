using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tollgate.Server.Accounts;
using Tollgate.Server.Hosting;
using Tollgate.Server.Observability;
using Tollgate.Server.Protection;

namespace Tollgate.Server.WebConsole.Pages;

/// <summary>Password sign-in; one answer for every failure (no account oracle), lockout by ASP.NET Core Identity.</summary>
internal sealed class SignInModel(AdministratorService accounts, ClientAuthGuard guard, TollgateMetrics metrics, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; set; }

    public IActionResult OnGet() => ConsoleSession.Of(HttpContext) is null ? Page() : Redirect(SignInFlow.Next(ReturnUrl));

    public async Task<IActionResult> OnPostAsync()
    {
        var source = HttpContext.Connection.RemoteIpAddress;
        if (guard.Blocked(source) is { } wait)
        {
            // Too many failed sign-ins (or client authentications) from this address: 429, before any password is checked.
            metrics.Throttled();
            var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Error = $"Too many failed sign-ins from your address. Try again in {seconds} seconds.";
            var page = Page();
            page.StatusCode = StatusCodes.Status429TooManyRequests;
            return page;
        }

        var (outcome, account) = await accounts.PasswordSignInAsync(HttpContext.GetCloud().Name, Email ?? string.Empty, Password ?? string.Empty, source, HttpContext.RequestAborted);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                await SignInFlow.SignInAsync(HttpContext, account!);
                return Redirect(SignInFlow.Next(account!, ReturnUrl));
            case SignInOutcome.CodeRequired:
                await SignInFlow.AwaitCodeAsync(HttpContext, account!, time);
                return Redirect(ConsoleRegistration.Prefix + "/sign-in/code?ReturnUrl=" + Uri.EscapeDataString(SignInFlow.Next(ReturnUrl)));
            default:
                guard.Failed(null, source);
                Error = SignInFlow.Refused;
                return Page();
        }
    }
}
