using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Core.Administration;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.WebConsole;

/// <summary>
/// A console page for a signed-in administrator: its account and <see cref="AdminScope"/>, the first-sign-in
/// password change, and the read-only rule (a read-only administrator's POST is refused whatever the form said).
/// </summary>
internal abstract class ConsolePageModel : PageModel
{
    internal ConsoleSession Session => ConsoleSession.Of(HttpContext) ?? throw new InvalidOperationException("No console session.");

    internal AdminScope Admin => Session.Scope;

    public AdministratorAccount Account => Session.Account;

    /// <summary>Whether the page shows buttons that change something.</summary>
    public bool MayChange => Admin.MayChange;

    /// <summary>The base address of this cloud's listener (its issuer): what a ready <c>curl</c> line calls.</summary>
    public string BaseUrl => HttpContext.GetCloud().Issuer.TrimEnd('/');

    public string? Error { get; set; }

    public string? Done { get; set; }

    /// <summary>Whether a POST to this page changes tenant data (refused for a read-only administrator).</summary>
    protected virtual bool PostChangesData => true;

    /// <summary>Whether the page is open to an account that must still replace its one-time password.</summary>
    protected virtual bool AllowedBeforePasswordChange => false;

    /// <summary>A page of the whole cloud (MSPs, keys, administrators): for anyone else it does not exist (404).</summary>
    protected virtual bool CloudWideOnly => false;

    internal Actor Actor => Session.Actor(HttpContext);

    internal T Service<T>()
        where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (Account.MustChangePassword && !AllowedBeforePasswordChange)
        {
            context.Result = Redirect(ConsoleRegistration.Prefix + "/password");
            return;
        }

        if (CloudWideOnly && !Admin.IsCloudWide)
        {
            context.Result = NotFound();
            return;
        }

        if (HttpMethods.IsPost(Request.Method) && PostChangesData && !MayChange)
        {
            context.Result = StatusCode(StatusCodes.Status403Forbidden);
            return;
        }

        await next().ConfigureAwait(false);
    }

    /// <summary>
    /// An expiry chosen on a form ("" none, or a duration from now like 90d): false, with the page's error set, for
    /// anything the form did not offer.
    /// </summary>
    protected bool TryExpiry(string? choice, out DateTimeOffset? expiresAt)
    {
        expiresAt = null;
        if (string.IsNullOrEmpty(choice))
        {
            return true;
        }

        if (!DurationText.TryParse(choice, out var lifetime))
        {
            Error = "Choose an expiry from the list.";
            return false;
        }

        expiresAt = Service<TimeProvider>().GetUtcNow() + lifetime;
        return true;
    }

    /// <summary>The failure of an administrative operation, shown on the page (not found is the page's 404).</summary>
    protected IActionResult? Show(AdminError? error)
    {
        if (error is null)
        {
            return null;
        }

        if (error.Kind == AdminErrorKind.NotFound)
        {
            return NotFound();
        }

        Error = error.Message;
        return Page();
    }
}
