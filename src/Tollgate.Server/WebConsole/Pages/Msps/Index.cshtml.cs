using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Administration;
using Tollgate.Core.Stores;

namespace Tollgate.Server.WebConsole.Pages.Msps;

/// <summary>MSPs of the cloud: a cloud-wide role only.</summary>
internal sealed class MspsModel(TenantService tenants) : ConsolePageModel
{
    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<MspRecord> Msps { get; private set; } = [];

    protected override bool CloudWideOnly => true;

    private IReadOnlyList<CustomerRecord> Customers { get; set; } = [];

    public int CustomerCount(string mspId) => Customers.Count(c => c.MspId == mspId);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var created = await tenants.CreateMspAsync(Admin.Cloud, Name ?? string.Empty, Actor, HttpContext.RequestAborted);
        Error = created.Error?.Message;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Msps = await tenants.ListMspsAsync(Admin.Cloud, HttpContext.RequestAborted);
        Customers = await tenants.ListCustomersAsync(Admin.Cloud, null, HttpContext.RequestAborted);
    }
}
