using Microsoft.Playwright;
using Tollgate.Core.Credentials;
using Tollgate.Testing;

namespace Tollgate.Console.Tests;

/// <summary>What a person does in the console, step by step, through the page's labels and buttons.</summary>
internal static class ConsoleSteps
{
    public const string NewPassword = "Console-Passw0rd!";

    /// <summary>An administrator invited as the CLI would, signed in for the first time (one-time password, then their own).</summary>
    public static async Task<(IPage Page, string Email)> FirstSignInAsync(BrowserFixture fixture, AdminRole role, string? mspId = null, string? customerId = null)
    {
        var email = $"{AdminRoles.Name(role)}-{Guid.NewGuid():N}@example.com";
        var invitation = await fixture.Host.CreateAdministratorAsync(email, role, mspId, customerId);
        var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, invitation.OneTimePassword);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/password$"));
        await page.GetByLabel("Current password").FillAsync(invitation.OneTimePassword);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("New password, again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API credentials" })).ToBeVisibleAsync();
        return (page, email);
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task SignOutAsync(IPage page) =>
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

    /// <summary>Fills the create-credential form and returns the Client ID and Secret Key the page shows.</summary>
    public static async Task<(string ClientId, string Secret)> CreateCredentialAsync(IPage page, string name, string ownerLabel, string? allow = null, string? quota = null)
    {
        await page.GotoAsync("/console/credentials/new");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Owner").SelectOptionAsync(new SelectOptionValue { Label = ownerLabel });
        if (allow is not null)
        {
            await page.GetByLabel("Allowed networks").FillAsync(allow);
        }

        if (quota is not null)
        {
            await page.GetByLabel("Token quota").FillAsync(quota);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Create credential" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Credential created" })).ToBeVisibleAsync();
        return ((await page.Locator("#client-id").TextContentAsync())!.Trim(), (await page.Locator("#secret-key").TextContentAsync())!.Trim());
    }

    /// <summary>A form's antiforgery token, as a page of the signed-in administrator carries it (the sign-out form has one on every page).</summary>
    public static async Task<string> AntiforgeryTokenAsync(IPage page) =>
        (await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value"))!;

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        // Committed under docs/console/ when TOLLGATE_SCREENSHOTS names that folder; otherwise into the test's temp folder.
        var folder = Environment.GetEnvironmentVariable("TOLLGATE_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "tollgate-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"the screenshot {path} is empty");
    }
}
