using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;

namespace Tollgate.Server.WebConsole.Pages.Keys;

/// <summary>The cloud's signing keys and an emergency rotation: a cloud-wide role only.</summary>
internal sealed class KeysModel(SigningKeyService keys, IOptions<TollgateServerOptions> options, TimeProvider time) : ConsolePageModel
{
    public IReadOnlyList<(StoredSigningKey Key, string State)> Keys { get; private set; } = [];

    protected override bool CloudWideOnly => true;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var key = await keys.RotateNowAsync(Admin.Cloud, options.Value.Signing.Algorithm, Actor, HttpContext.RequestAborted);
        await Service<CloudRegistry>().ReloadAsync(Admin.Cloud, HttpContext.RequestAborted);
        Done = $"Key {key.Kid} signs from now on.";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Keys = AdminKeysEndpoints.States(await keys.ListAsync(Admin.Cloud, HttpContext.RequestAborted), time.GetUtcNow()).Reverse().ToList();
}
