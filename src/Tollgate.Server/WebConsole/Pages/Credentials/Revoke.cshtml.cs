using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Administration;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole.Pages.Credentials;

/// <summary>Revocation, confirmed on its own page (no script needed to ask "are you sure?").</summary>
internal sealed class RevokeCredentialModel(CredentialService credentials) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string ClientId { get; set; } = string.Empty;

    [BindProperty]
    public int Version { get; set; }

    public CredentialDetails? Details { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() && !Details!.Credential.IsRevoked ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var revoked = await credentials.RevokeAsync(ClientId, Actor, Version, HttpContext.RequestAborted);
        return Show(revoked.Error) ?? Redirect($"{ConsoleRegistration.Prefix}/credentials/{Uri.EscapeDataString(ClientId)}");
    }

    private async Task<bool> LoadAsync()
    {
        Details = await VisibleCredential.FindAsync(credentials, Service<AdminAuthorization>(), Admin, ClientId, HttpContext.RequestAborted);
        ClientId = Details?.Credential.ClientId ?? ClientId;
        return Details is not null;
    }
}
