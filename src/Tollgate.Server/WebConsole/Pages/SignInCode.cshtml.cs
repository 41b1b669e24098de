using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tollgate.Server.Accounts;

namespace Tollgate.Server.WebConsole.Pages;

/// <summary>The second sign-in step: a TOTP code, for the account whose password was just right (a 5-minute cookie says which).</summary>
internal sealed class SignInCodeModel(AdministratorService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync() => await PendingAsync() is null ? Redirect(ConsoleRegistration.Prefix + "/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await PendingAsync() is not { } id)
        {
            return Redirect(ConsoleRegistration.Prefix + "/sign-in");
        }

        var account = await accounts.CodeSignInAsync(id, Code ?? string.Empty, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        if (account is null)
        {
            Error = "That code is wrong or has expired, or the account is locked for a while.";
            return Page();
        }

        await SignInFlow.SignInAsync(HttpContext, account);
        return Redirect(SignInFlow.Next(account, ReturnUrl));
    }

    private async Task<string?> PendingAsync()
    {
        var result = await HttpContext.AuthenticateAsync(ConsoleSession.Scheme);
        return result.Succeeded && result.Principal.FindFirstValue(ConsoleSession.StageClaim) == ConsoleSession.CodeStage
            ? result.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            : null;
    }
}
