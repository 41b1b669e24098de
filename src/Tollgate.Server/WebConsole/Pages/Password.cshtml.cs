using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tollgate.Server.Accounts;
using Tollgate.Server.Options;

namespace Tollgate.Server.WebConsole.Pages;

/// <summary>An administrator's own password (required after a one-time password); the session is re-issued with the new stamp.</summary>
internal sealed class PasswordModel(AdministratorService accounts, IOptions<TollgateServerOptions> options) : ConsolePageModel
{
    [BindProperty]
    public string? Current { get; set; }

    [BindProperty]
    public string? Next { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public int MinLength => options.Value.Console.PasswordMinLength;

    protected override bool PostChangesData => false;

    protected override bool AllowedBeforePasswordChange => true;

    public async Task<IActionResult> OnPostAsync()
    {
        if (Next != Confirm)
        {
            Error = "The two new passwords differ.";
            return Page();
        }

        var changed = await accounts.ChangePasswordAsync(Account, Current ?? string.Empty, Next ?? string.Empty, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        if (!changed.Succeeded)
        {
            Error = changed.Error.Message;
            return Page();
        }

        await SignInFlow.SignInAsync(HttpContext, changed.Value);
        return Redirect(ConsoleRegistration.Prefix + "/credentials");
    }
}
