using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole.Pages.Customers;

/// <summary>One customer, if the administrator sees it (another MSP's is not found): its credentials, its users (read only) and how to mint its token.</summary>
internal sealed class CustomerDetailModel(TenantService tenants, CredentialService credentials, UserService users) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string CustomerId { get; set; } = string.Empty;

    public CustomerRecord? Customer { get; private set; }

    public string? MspName { get; private set; }

    public IReadOnlyList<CredentialDetails> Credentials { get; private set; } = [];

    /// <summary>The customer's users, read only (the first <see cref="UsersShown"/>), and how many it has.</summary>
    public IReadOnlyList<UserRecord> Users { get; private set; } = [];

    public int UserCount { get; private set; }

    public const int UsersShown = 100;

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
        (UserCount, Users) = await users.ListAsync(new UserQuery(Customer.Id, null, null, 0, UsersShown), HttpContext.RequestAborted);
        return Page();
    }
}
