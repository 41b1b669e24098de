using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole.Pages.Audit;

/// <summary>The audit trail as the administrator may read it (the admin API's rule), filtered, and as CSV.</summary>
internal sealed class AuditModel(IAuditLog audit) : ConsolePageModel
{
    public static IReadOnlyList<string> Actions { get; } =
        [.. typeof(AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];

    [BindProperty(SupportsGet = true, Name = "since")]
    public string? Since { get; set; }

    [BindProperty(SupportsGet = true, Name = "until")]
    public string? Until { get; set; }

    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? ActorFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "mspId")]
    public string? MspId { get; set; }

    [BindProperty(SupportsGet = true, Name = "customerId")]
    public string? CustomerId { get; set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public bool ShowsTenantFilters => Admin.Role != AdminRole.CustomerAdmin;

    /// <summary>The CSV export of what the page shows: this page's <c>csv</c> handler with the same filters.</summary>
    public string CsvHref => ConsoleRegistration.Prefix + "/audit?handler=csv" + (Request.QueryString.HasValue ? "&" + Request.QueryString.Value!.TrimStart('?') : string.Empty);

    public async Task OnGetAsync()
    {
        var (events, invalid) = await SearchAsync(limit: "200");
        Error = invalid;
        Events = [.. events.Reverse()];
    }

    /// <summary>The same filters as a CSV file (RFC 4180; no cell a spreadsheet would run as a formula).</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var (events, invalid) = await SearchAsync(limit: null);
        if (invalid is not null)
        {
            return BadRequest();
        }

        Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
        return Content(AuditCsv.Write(events), "text/csv; charset=utf-8");
    }

    private Task<(IReadOnlyList<AuditEvent> Events, string? Invalid)> SearchAsync(string? limit) =>
        AuditSearch.RunAsync(audit, Admin, new AuditFilter(Since, Until, ActorFilter, ActionFilter, MspId, CustomerId, limit), HttpContext.RequestAborted);

}
