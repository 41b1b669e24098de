using Microsoft.AspNetCore.Mvc;

namespace Tollgate.Server.WebConsole.Pages;

/// <summary><c>/console</c> opens on the API credentials.</summary>
internal sealed class IndexModel : ConsolePageModel
{
    public IActionResult OnGet() => Redirect(ConsoleRegistration.Prefix + "/credentials");
}
