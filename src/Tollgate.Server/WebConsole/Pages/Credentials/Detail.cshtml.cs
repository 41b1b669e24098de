using Microsoft.AspNetCore.Mvc;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;
using Tollgate.Server.Protection;

namespace Tollgate.Server.WebConsole.Pages.Credentials;

/// <summary>
/// One credential: edit (name, scope, networks, quota), rotate (the new secret shown once), and the way to revoke it.
/// A credential the administrator does not see is not found; a change made meanwhile by someone else is refused.
/// </summary>
internal sealed class CredentialDetailModel(CredentialService credentials, TenantService tenants) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string ClientId { get; set; } = string.Empty;

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Scope { get; set; }

    [BindProperty]
    public string? Allow { get; set; }

    [BindProperty]
    public string? Quota { get; set; }

    /// <summary>A rotation's grace ("" none, or a duration like 24h): how long the old secret keeps working.</summary>
    [BindProperty]
    public string? Grace { get; set; }

    /// <summary>The form's choice that lifts an expiry.</summary>
    private const string NeverExpires = "never";

    /// <summary>"" to keep the expiry, "never" to lift it, or a duration from now (90d).</summary>
    [BindProperty]
    public string? Expires { get; set; }

    /// <summary>The edit form's checkbox: absent (unchecked) is false.</summary>
    [BindProperty]
    public bool RequireDpop { get; set; }

    /// <summary>How the client authenticates: its secret, its registered keys (private_key_jwt), or both.</summary>
    public string AuthenticationText
    {
        get
        {
            var c = Details!.Credential;
            var keys = c.PublicKeys.Keys.Select(k => $"{k.Kid} ({k.Kty})").ToList();
            var withKeys = keys.Count == 0 ? null : $"private_key_jwt with {(keys.Count == 1 ? "key" : "keys")} {string.Join(", ", keys)}";
            return (c.HasSecret, withKeys) switch
            {
                (true, null) => "Secret Key",
                (true, { } k) => "Secret Key, or " + k,
                (false, { } k) => k + " (no Secret Key)",
                _ => "none",
            };
        }
    }

    public CredentialDetails? Details { get; private set; }

    public SecretView? Rotated { get; private set; }

    public string OwnerText { get; private set; } = string.Empty;

    /// <summary>The quota in force: the credential's own, or its cloud's default, or none.</summary>
    public string QuotaText { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostEditAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        ScopeSet scopes = ScopeSet.All;
        if (Scope is not null && !Scopes.TryParse(Scope, out scopes))
        {
            Error = "Choose a scope.";
            return Page();
        }

        var allow = (Allow ?? string.Empty).Split(['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var never = Expires == NeverExpires;
        if (!TryExpiry(never ? null : Expires, out var expiresAt))
        {
            return Page();
        }

        var updated = await credentials.UpdateAsync(ClientId, new CredentialChanges(Name, scopes, allow, Quota ?? string.Empty, expiresAt, never, RequireDpop), Actor, Version, HttpContext.RequestAborted);
        if (Show(updated.Error) is { } shown)
        {
            return shown;
        }

        await LoadAsync();
        Done = "Saved. New tokens carry the change at once, on every node.";
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        TimeSpan? grace = null;
        if (!string.IsNullOrEmpty(Grace))
        {
            if (!DurationText.TryParse(Grace, out var parsed))
            {
                Error = "Choose a grace from the list.";
                return Page();
            }

            grace = parsed;
        }

        var rotated = await credentials.RotateAsync(ClientId, Actor, Version, grace, HttpContext.RequestAborted);
        if (Show(rotated.Error) is { } shown)
        {
            return shown;
        }

        await LoadAsync();
        Rotated = SecretView.Of("Secret rotated", rotated.Value!, BaseUrl);
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var access = Service<AdminAuthorization>();
        Details = await VisibleCredential.FindAsync(credentials, access, Admin, ClientId, HttpContext.RequestAborted);
        if (Details is null)
        {
            return false;
        }

        ClientId = Details.Credential.ClientId;
        var own = Details.Credential.Quota;
        QuotaText = own is not null ? own.ToString()
            : Service<TokenQuotas>().QuotaOf(Details.Credential) is { } cloudDefault ? $"{cloudDefault} (the cloud's default)"
            : "none";
        OwnerText = ConsoleText.Owner(Details.Credential, await OwnerNames.ReadAsync(access, tenants, Admin, HttpContext.RequestAborted));
        return true;
    }
}
