using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole.Pages.Credentials;

/// <summary>
/// One credential: edit (name, scope, networks), rotate (the new secret shown once), and the way to revoke it.
/// A credential the administrator does not see is not found; a change made meanwhile by someone else is refused.
/// </summary>
internal sealed class CredentialDetailModel(CredentialService credentials, TenantService tenants) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string ClientId { get; set; } = string.Empty;

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Scope { get; set; }

    [BindProperty]
    public string? Allow { get; set; }

    public CredentialDetails? Details { get; private set; }

    public SecretView? Rotated { get; private set; }

    public string OwnerText { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostEditAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        ScopeSet scopes = ScopeSet.All;
        if (Scope is not null && !Scopes.TryParse(Scope, out scopes))
        {
            Error = "Choose a scope.";
            return Page();
        }

        var allow = (Allow ?? string.Empty).Split(['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var updated = await credentials.UpdateAsync(ClientId, new CredentialChanges(Name, scopes, allow), Actor, Version, HttpContext.RequestAborted);
        if (Show(updated.Error) is { } shown)
        {
            return shown;
        }

        await LoadAsync();
        Done = "Saved. New tokens carry the change at once, on every node.";
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var rotated = await credentials.RotateAsync(ClientId, Actor, Version, HttpContext.RequestAborted);
        if (Show(rotated.Error) is { } shown)
        {
            return shown;
        }

        await LoadAsync();
        Rotated = SecretView.Of("Secret rotated", rotated.Value!, BaseUrl);
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var access = Service<AdminAuthorization>();
        Details = await VisibleCredential.FindAsync(credentials, access, Admin, ClientId, HttpContext.RequestAborted);
        if (Details is null)
        {
            return false;
        }

        ClientId = Details.Credential.ClientId;
        OwnerText = ConsoleText.Owner(Details.Credential, await OwnerNames.ReadAsync(access, tenants, Admin, HttpContext.RequestAborted));
        return true;
    }
}
