using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole.Pages.Customers;

/// <summary>The customers the administrator sees; a cloud administrator creates them for any MSP (or none), an MSP administrator for itself.</summary>
internal sealed class CustomersModel(TenantService tenants) : ConsolePageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? MspId { get; set; }

    public IReadOnlyList<CustomerRecord> Customers { get; private set; } = [];

    public IReadOnlyList<MspRecord> Msps { get; private set; } = [];

    public bool MayCreate => MayChange && Admin.Role != AdminRole.CustomerAdmin;

    public string MspName(string id) => Msps.FirstOrDefault(m => m.Id == id)?.Name ?? id;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (AdminAuthorization.MspForNewCustomer(Admin, string.IsNullOrEmpty(MspId) ? null : MspId, out var mspId) is not null)
        {
            return StatusCode(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden);
        }

        var created = await tenants.CreateCustomerAsync(Admin.Cloud, Name ?? string.Empty, mspId, null, Actor, HttpContext.RequestAborted);
        if (!created.Succeeded)
        {
            await LoadAsync();
            Error = created.Error.Message;
            return Page();
        }

        return Redirect($"{ConsoleRegistration.Prefix}/customers/{created.Value.Id}");
    }

    private async Task LoadAsync()
    {
        Customers = await Service<AdminAuthorization>().CustomersVisibleToAsync(Admin, HttpContext.RequestAborted);
        Msps = Admin.IsCloudWide ? await tenants.ListMspsAsync(Admin.Cloud, HttpContext.RequestAborted) : [];
    }
}
