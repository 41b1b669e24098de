using Microsoft.AspNetCore.Mvc;
using Tollgate.Server.Accounts;

namespace Tollgate.Server.WebConsole.Pages;

/// <summary>TOTP enrolment: the key (with an otpauth URI for apps that take one), confirmed by a right code.</summary>
internal sealed class TwoFactorModel(AdministratorService accounts) : ConsolePageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public string? Key { get; private set; }

    public string? Uri { get; private set; }

    protected override bool PostChangesData => false;

    public async Task OnGetAsync() => await LoadKeyAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var enabled = await accounts.EnableTwoFactorAsync(Account, Code ?? string.Empty, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        if (!enabled.Succeeded)
        {
            Error = enabled.Error.Message;
            await LoadKeyAsync();
            return Page();
        }

        // Turning it on changed the security stamp: this session is re-issued, every other one ends.
        await SignInFlow.SignInAsync(HttpContext, enabled.Value);
        return Redirect(ConsoleRegistration.Prefix + "/two-factor");
    }

    private async Task LoadKeyAsync()
    {
        if (Account.TwoFactorEnabled)
        {
            return;
        }

        var key = await accounts.AuthenticatorKeyAsync(Account);
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        var label = System.Uri.EscapeDataString($"Tollgate {Account.Cloud}:{Account.Email}");
        Uri = $"otpauth://totp/{label}?secret={key}&issuer={System.Uri.EscapeDataString("Tollgate " + Account.Cloud)}&digits=6&period=30";
    }
}
