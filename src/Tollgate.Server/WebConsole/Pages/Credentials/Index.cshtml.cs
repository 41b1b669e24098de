using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole.Pages.Credentials;

/// <summary>The credentials the administrator sees (the admin API's rule), newest first, searched and paged.</summary>
internal sealed class CredentialsModel(CredentialService credentials, TenantService tenants) : ConsolePageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CredentialDetails> Items { get; private set; } = [];

    public int Total { get; private set; }

    public bool HasNext { get; private set; }

    private IReadOnlyDictionary<string, string> Names { get; set; } = new Dictionary<string, string>();

    public string Owner(CredentialRecord credential) => ConsoleText.Owner(credential, Names);

    public async Task OnGetAsync()
    {
        var access = Service<AdminAuthorization>();
        var sees = await access.CredentialsVisibleToAsync(Admin, HttpContext.RequestAborted);
        Names = await OwnerNames.ReadAsync(access, tenants, Admin, HttpContext.RequestAborted);
        var q = Q?.Trim();
        var matching = (await credentials.ListAsync(Admin.Cloud, HttpContext.RequestAborted))
            .Where(d => sees(d.Credential))
            .Where(d => string.IsNullOrEmpty(q)
                || d.Credential.Name.Contains(q, StringComparison.OrdinalIgnoreCase)
                || d.Credential.ClientId.Contains(q, StringComparison.Ordinal)
                || d.Credential.OwnerId.Contains(q, StringComparison.OrdinalIgnoreCase)
                || Owner(d.Credential).Contains(q, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Credential.ClientId, StringComparer.Ordinal)
            .ToList();
        Total = matching.Count;
        PageNumber = Math.Max(1, PageNumber);
        Items = [.. matching.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        HasNext = PageNumber * PageSize < Total;
    }
}
