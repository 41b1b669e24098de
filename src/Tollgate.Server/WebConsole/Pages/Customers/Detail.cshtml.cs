using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole.Pages.Customers;

/// <summary>One customer, if the administrator sees it (another MSP's is not found): its credentials and how to mint its token.</summary>
internal sealed class CustomerDetailModel(TenantService tenants, CredentialService credentials) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string CustomerId { get; set; } = string.Empty;

    public CustomerRecord? Customer { get; private set; }

    public string? MspName { get; private set; }

    public IReadOnlyList<CredentialDetails> Credentials { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var found = await tenants.FindCustomerAsync(CustomerId, HttpContext.RequestAborted);
        if (!found.Succeeded || !AdminAuthorization.Sees(Admin, found.Value))
        {
            return NotFound();
        }

        Customer = found.Value;
        if (Customer.MspId is not null && (await tenants.FindMspAsync(Customer.MspId, HttpContext.RequestAborted)) is { Succeeded: true } msp)
        {
            MspName = msp.Value.Name;
        }

        Credentials = [.. (await credentials.ListAsync(Admin.Cloud, HttpContext.RequestAborted))
            .Where(d => d.Credential.Owner == OwnerKind.Customer && d.Credential.OwnerId == Customer.Id)
            .OrderByDescending(d => d.CreatedAt)];
        return Page();
    }
}
