using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole.Pages.Credentials;

/// <summary>Creates a credential for an owner the administrator sees; the page shows the secret this once.</summary>
internal sealed class NewCredentialModel(CredentialService credentials, TenantService tenants) : ConsolePageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Owner { get; set; }

    [BindProperty]
    public string? Scope { get; set; }

    [BindProperty]
    public string? Allow { get; set; }

    [BindProperty]
    public string? Quota { get; set; }

    /// <summary>"" for never, or a duration from now (90d).</summary>
    [BindProperty]
    public string? Expires { get; set; }

    [BindProperty]
    public bool RequireDpop { get; set; }

    public IReadOnlyList<(string Value, string Label)> Owners { get; private set; } = [];

    public SecretView? Created { get; private set; }

    public async Task OnGetAsync() => await LoadOwnersAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadOwnersAsync();
        var (kind, id) = Owner?.Split(':', 2) is [var k, var i] && OwnerKinds.TryParse(k, out var parsed) ? (parsed, i) : (OwnerKind.Customer, string.Empty);
        var scopes = ScopeSet.All;
        if (Scope is not null && !Scopes.TryParse(Scope, out scopes))
        {
            Error = "Choose a scope.";
            return Page();
        }

        var access = Service<AdminAuthorization>();
        if (id.Length == 0 || await access.MayCreateAsync(Admin, kind, id, AdminRole.None, HttpContext.RequestAborted) is not null)
        {
            Error = "Choose an owner from the list.";
            return Page();
        }

        var allow = (Allow ?? string.Empty).Split(['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!TryExpiry(Expires, out var expiresAt))
        {
            return Page();
        }

        var created = await credentials.CreateAsync(new CredentialSpec(kind, id, Name ?? string.Empty, scopes, allow, Quota: Quota ?? string.Empty, ExpiresAt: expiresAt, RequireDpop: RequireDpop), Actor, HttpContext.RequestAborted);
        if (Show(created.Error) is { } shown)
        {
            return shown;
        }

        Created = SecretView.Of("Credential created", created.Value!, BaseUrl);
        return Page();
    }

    private async Task LoadOwnersAsync()
    {
        var owners = new List<(string, string)>();
        var scope = Admin;
        foreach (var msp in await tenants.ListMspsAsync(scope.Cloud, HttpContext.RequestAborted))
        {
            if (scope.IsCloudWide || msp.Id == scope.MspId)
            {
                owners.Add(($"{OwnerKinds.Msp}:{msp.Id}", $"MSP {msp.Name}"));
            }
        }

        foreach (var customer in await Service<AdminAuthorization>().CustomersVisibleToAsync(scope, HttpContext.RequestAborted))
        {
            owners.Add(($"{OwnerKinds.Customer}:{customer.Id}", $"Customer {customer.CustomerName}"));
        }

        Owners = owners;
    }
}
