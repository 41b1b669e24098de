using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Accounts;

namespace Tollgate.Server.WebConsole.Pages.Administrators;

/// <summary>The cloud's administrators: a cloud-wide role sees them, a Cloud Administrator invites, disables and resets.</summary>
internal sealed class AdministratorsModel(AdministratorService accounts) : ConsolePageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Tenant { get; set; }

    [BindProperty]
    public string? Id { get; set; }

    public IReadOnlyList<AdministratorAccount> Accounts { get; private set; } = [];

    public AdministratorInvitation? Invitation { get; private set; }

    protected override bool CloudWideOnly => true;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!AdminRoles.TryParse(Role, out var role))
        {
            Error = $"Choose a role: {string.Join(", ", AdminRoles.Names)}.";
        }
        else
        {
            var tenant = string.IsNullOrWhiteSpace(Tenant) ? null : Tenant.Trim();
            var created = await accounts.CreateAsync(
                Admin.Cloud, Email ?? string.Empty, role, role == AdminRole.MspAdmin ? tenant : null, role == AdminRole.CustomerAdmin ? tenant : null, Actor, HttpContext.RequestAborted);
            Invitation = created.Value;
            Error = created.Error?.Message;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        var reset = await accounts.ResetPasswordAsync(Admin.Cloud, Id ?? string.Empty, Actor, HttpContext.RequestAborted);
        Invitation = reset.Value;
        Error = reset.Error?.Message;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var disabled = await accounts.DisableAsync(Admin.Cloud, Id ?? string.Empty, Actor, HttpContext.RequestAborted);
        Error = disabled.Error?.Message;
        Done = disabled.Succeeded ? $"{disabled.Value.Email} is disabled; its sessions have ended." : null;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Accounts = await accounts.ListAsync(Admin.Cloud, HttpContext.RequestAborted);
}
