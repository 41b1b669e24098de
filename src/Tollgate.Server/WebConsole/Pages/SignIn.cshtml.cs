using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tollgate.Server.Accounts;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.WebConsole.Pages;

/// <summary>Password sign-in; one answer for every failure (no account oracle), lockout by ASP.NET Core Identity.</summary>
internal sealed class SignInModel(AdministratorService accounts, TimeProvider time) : PageModel
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
        var (outcome, account) = await accounts.PasswordSignInAsync(HttpContext.GetCloud().Name, Email ?? string.Empty, Password ?? string.Empty, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                await SignInFlow.SignInAsync(HttpContext, account!);
                return Redirect(SignInFlow.Next(account!, ReturnUrl));
            case SignInOutcome.CodeRequired:
                await SignInFlow.AwaitCodeAsync(HttpContext, account!, time);
                return Redirect(ConsoleRegistration.Prefix + "/sign-in/code?ReturnUrl=" + Uri.EscapeDataString(SignInFlow.Next(ReturnUrl)));
            default:
                Error = SignInFlow.Refused;
                return Page();
        }
    }
}
