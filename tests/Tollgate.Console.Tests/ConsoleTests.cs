using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tollgate.Console.Tests;

/// <summary>The web console in Chromium, end to end: every check goes through the page a person would use.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ConsoleTests(BrowserFixture fixture)
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task CloudAdministrator_CreatesCredential_SeesSecretOnce_ItWorks_RevokesIt_TokenRefusedWithinOneSecond()
    {
        var customer = await Host.Admin.CreateCustomerAsync(CloudName.Mainline, $"Globex {Guid.NewGuid():N}"[..14], null);
        await Host.SyncAsync();
        var (page, email) = await ConsoleSteps.FirstSignInAsync(fixture, AdminRole.CloudAdmin);

        var (clientId, secret) = await ConsoleSteps.CreateCredentialAsync(page, "Nightly backup", $"Customer {customer.CustomerName}", quota: "2/m");
        await Expect(page.Locator("#curl-line")).ToContainTextAsync($"-u '{clientId}:{secret}'");
        await Expect(page.Locator("#curl-line")).ToContainTextAsync(Host.Mainline + "/token");
        await ConsoleSteps.ScreenshotAsync(page, "credential-created");

        // Shown once: neither the credential's page nor the list ever shows the secret again.
        await page.GotoAsync($"/console/credentials/{Uri.EscapeDataString(clientId)}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nightly backup" })).ToBeVisibleAsync();
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("2/m");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/console/credentials");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Nightly backup" })).ToBeVisibleAsync();

        // The secret from the page works: a token at /token, and the users API with it.
        using (var limited = await Host.RequestTokenAsync(new TestCredential(clientId, secret, customer.Id, "mainline")))
        {
            Assert.Equal("\"minute\";q=2;w=60", string.Join(",", limited.Headers.GetValues("RateLimit-Policy")));
        }

        var token = await Host.GetTokenAsync(new TestCredential(clientId, secret, customer.Id, "mainline"));
        var client = Host.Client();
        async Task<HttpStatusCode> UsersAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/insync/usermanagement/v1/users");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await UsersAsync());

        // Rotated with a day's grace: a new secret shown once, the old one's token still working.
        await page.GotoAsync($"/console/credentials/{Uri.EscapeDataString(clientId)}");
        await page.GetByLabel("Old secret keeps working").SelectOptionAsync(new SelectOptionValue { Label = "for a day" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate the secret" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Secret rotated" })).ToBeVisibleAsync();
        await Expect(page.Locator("#previous-secret")).ToContainTextAsync("works until");
        await Host.SyncAsync();
        Assert.Equal(HttpStatusCode.OK, await UsersAsync()); // the old secret's token, within the grace

        // An expiry chosen on the edit form shows on the page.
        await Expect(page.Locator("#expires")).ToHaveTextAsync("never");
        await page.GetByLabel("Expiry").SelectOptionAsync(new SelectOptionValue { Label = "90 days from now" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#expires")).ToContainTextAsync(DateTimeOffset.UtcNow.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        // DPoP required from the edit form: the page says so, and the secret alone gets no more tokens.
        await Expect(page.Locator("#authentication")).ToHaveTextAsync("Secret Key");
        await Expect(page.Locator("#dpop")).ToContainTextAsync("optional");
        await page.GetByLabel("Issue DPoP-bound tokens only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#dpop")).ToContainTextAsync("required");
        await Host.SyncAsync();
        using (var unbound = await Host.RequestTokenAsync(new TestCredential(clientId, secret, customer.Id, "mainline")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unbound.StatusCode);
            Assert.Contains("invalid_dpop_proof", await unbound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Revoked in the console (confirmed on its own page): the same token is refused within a second.
        await page.GotoAsync($"/console/credentials/{Uri.EscapeDataString(clientId)}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the credential" }).ClickAsync();
        var elapsed = await Wait.UntilAsync(async () => await UsersAsync() == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1));
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"the revoked credential's token still worked after {elapsed.TotalMilliseconds} ms");
        await Expect(page.Locator(".status-revoked")).ToContainTextAsync("revoked");

        // The audit trail names the administrator for both changes.
        await page.GotoAsync($"/console/audit?actor={Uri.EscapeDataString(email)}");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "credential.create", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "credential.revoke", Exact = true })).ToBeVisibleAsync();
        await ConsoleSteps.ScreenshotAsync(page, "audit");
    }

    [Fact]
    public async Task MspAdministrator_CreatesCustomerAndItsCredential_CannotOpenAnotherMspsCustomer()
    {
        var mine = await Host.Admin.CreateMspAsync(CloudName.Mainline, "Acme MSP");
        var other = await Host.Admin.CreateMspAsync(CloudName.Mainline, "Other MSP");
        var theirs = await Host.Admin.CreateCustomerAsync(CloudName.Mainline, "Their customer", other.Id);
        await Host.SyncAsync();
        var (page, _) = await ConsoleSteps.FirstSignInAsync(fixture, AdminRole.MspAdmin, mspId: mine.Id);

        await page.GotoAsync("/console/customers");
        var name = $"Initech {Guid.NewGuid():N}"[..16];
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create customer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        var customerId = Regex.Match(page.Url, "/console/customers/([0-9a-f-]{36})$").Groups[1].Value;
        Assert.NotEmpty(customerId);
        await Expect(page.Locator("#mint-lines")).ToContainTextAsync($"/msp/v2/customers/{customerId}/token");
        await ConsoleSteps.ScreenshotAsync(page, "customer");

        var (clientId, secret) = await ConsoleSteps.CreateCredentialAsync(page, "Initech sync", $"Customer {name}");
        await Host.GetTokenAsync(new TestCredential(clientId, secret, customerId, "mainline"));

        // Another MSP's customer, its MSP page and the cloud's keys: as if they did not exist.
        Assert.Equal(404, (await page.GotoAsync($"/console/customers/{theirs.Id}"))!.Status);
        Assert.Equal(404, (await page.GotoAsync("/console/msps"))!.Status);
        Assert.Equal(404, (await page.GotoAsync("/console/keys"))!.Status);
        await page.GotoAsync("/console/customers");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(page.GetByText("Their customer")).ToHaveCountAsync(0);

        // Nor can it create a credential for that customer by forging the form's owner.
        var form = page.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", await ConsoleSteps.AntiforgeryTokenAsync(page));
        form.Set("Name", "forged");
        form.Set("Owner", $"customer:{theirs.Id}");
        var forged = await page.APIRequest.PostAsync("/console/credentials/new", new() { Form = form });
        Assert.Contains("Choose an owner from the list", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain((await Host.Admin.Credentials.ListAsync(CloudName.Mainline)), d => d.Credential.Name == "forged");
    }

    [Fact]
    public async Task CustomerAdministrator_SeesItsCustomerAndItsUsers_CreatesItsCredentials_AndNothingElse()
    {
        var own = await Host.Admin.CreateCustomerAsync(CloudName.Mainline, $"Own {Guid.NewGuid():N}"[..12], null);
        var other = await Host.Admin.CreateCustomerAsync(CloudName.Mainline, $"Other {Guid.NewGuid():N}"[..14], null);
        var users = Host.Services.GetRequiredService<Core.Administration.UserService>();
        Assert.True((await users.CreateAsync(CloudName.Mainline, Core.Ids.CustomerId.Parse(own.Id), new Core.Administration.UserChanges("Ada Lovelace", "ada@own.example"), new Core.Administration.Actor("test"))).Succeeded);
        await Host.SyncAsync();
        var (page, _) = await ConsoleSteps.FirstSignInAsync(fixture, AdminRole.CustomerAdmin, customerId: own.Id);

        await page.GotoAsync("/console/customers");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = own.CustomerName })).ToBeVisibleAsync();
        await Expect(page.GetByText(other.CustomerName)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create customer" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/console/customers/{own.Id}");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "ada@own.example" })).ToBeVisibleAsync();
        Assert.Equal(404, (await page.GotoAsync($"/console/customers/{other.Id}"))!.Status);
        Assert.Equal(404, (await page.GotoAsync("/console/administrators"))!.Status);

        var (clientId, secret) = await ConsoleSteps.CreateCredentialAsync(page, "Own automation", $"Customer {own.CustomerName}");
        await Host.GetTokenAsync(new TestCredential(clientId, secret, own.Id, "mainline"));
        await page.GotoAsync("/console/credentials/new");
        Assert.Equal(1, await page.GetByLabel("Owner").Locator("option").CountAsync());
    }

    [Fact]
    public async Task ReadOnlyAdministrator_SeesNoChangeButtons_AndAForgedPostIsRefused()
    {
        var customer = await Host.Admin.CreateCustomerAsync(CloudName.Mainline, "Read-only view", null);
        var existing = await Host.Admin.CreateCredentialAsync(OwnerKind.Customer, customer.Id, "Existing", ScopeSet.All, []);
        await Host.SyncAsync();
        var (page, _) = await ConsoleSteps.FirstSignInAsync(fixture, AdminRole.CloudAdminReadOnly);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Existing" }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create credential" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/console/credentials/{Uri.EscapeDataString(existing.Credential.ClientId)}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Existing" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rotate the secret" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Revoke…" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" })).ToHaveCountAsync(0);
        await page.GotoAsync("/console/administrators");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Invite" })).ToHaveCountAsync(0);
        await page.GotoAsync("/console/keys");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rotate now" })).ToHaveCountAsync(0);

        // A valid session and antiforgery token, a hand-made POST: refused, and nothing changed.
        var antiforgery = await ConsoleSteps.AntiforgeryTokenAsync(page);
        var revoke = page.APIRequest.CreateFormData();
        revoke.Set("__RequestVerificationToken", antiforgery);
        revoke.Set("Version", existing.Credential.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(403, (await page.APIRequest.PostAsync($"/console/credentials/{Uri.EscapeDataString(existing.Credential.ClientId)}/revoke", new() { Form = revoke })).Status);
        var create = page.APIRequest.CreateFormData();
        create.Set("__RequestVerificationToken", antiforgery);
        create.Set("Name", "by read-only");
        create.Set("Owner", $"customer:{customer.Id}");
        Assert.Equal(403, (await page.APIRequest.PostAsync("/console/credentials/new", new() { Form = create })).Status);
        var rotate = page.APIRequest.CreateFormData();
        rotate.Set("__RequestVerificationToken", antiforgery);
        Assert.Equal(403, (await page.APIRequest.PostAsync("/console/keys", new() { Form = rotate })).Status);

        var credentials = await Host.Admin.Credentials.ListAsync(CloudName.Mainline);
        Assert.False(credentials.Single(d => d.Credential.ClientId == existing.Credential.ClientId).Credential.IsRevoked);
        Assert.DoesNotContain(credentials, d => d.Credential.Name == "by read-only");
    }

    [Fact]
    public async Task TwoFactor_Enrolment_ThenSignInAsksForTheCode()
    {
        var (page, email) = await ConsoleSteps.FirstSignInAsync(fixture, AdminRole.CloudAdmin);
        await page.GotoAsync("/console/two-factor");
        var key = (await page.Locator("#totp-key").TextContentAsync())!.Trim();
        await Expect(page.Locator("#totp-uri")).ToContainTextAsync("otpauth://totp/");
        await ConsoleSteps.ScreenshotAsync(page, "two-factor");
        await page.GetByLabel("Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor sign-in is on");

        await ConsoleSteps.SignOutAsync(page);
        await ConsoleSteps.SignInAsync(page, email, ConsoleSteps.NewPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in/code"));
        // Before the code, nothing of the console opens.
        Assert.EndsWith("/console/sign-in/code", new Uri((await page.GotoAsync("/console/credentials"))!.Url).AbsolutePath, StringComparison.Ordinal);

        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-2, 5).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        var wrong = Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
        await page.GetByLabel("Code").FillAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is wrong");

        await page.GetByLabel("Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API credentials" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount_WithTheSameAnswerAsAnUnknownAddress()
    {
        var (page, email) = await ConsoleSteps.FirstSignInAsync(fixture, AdminRole.CloudAdmin);
        await ConsoleSteps.SignOutAsync(page);
        await ConsoleSteps.ScreenshotAsync(page, "sign-in");

        async Task<string> RefusalAsync(string address, string password)
        {
            await ConsoleSteps.SignInAsync(page, address, password);
            return (await page.GetByRole(AriaRole.Alert).TextContentAsync())!.Trim();
        }

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await RefusalAsync(email, "Wrong-passw0rd!" + i));
        }

        // Locked: the right password gets the same answer as a wrong one, and as an address that has no account.
        answers.Add(await RefusalAsync(email, ConsoleSteps.NewPassword));
        answers.Add(await RefusalAsync($"nobody-{Guid.NewGuid():N}@example.com", ConsoleSteps.NewPassword));
        Assert.Single(answers.Distinct());
        Assert.Contains("locked", answers[0], StringComparison.Ordinal);
        Assert.EndsWith("/console/sign-in", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

        var audit = await Host.Admin.AuditAsync();
        Assert.Contains(audit, e => e.Action == "administrator.sign_in_failed" && e.Detail == "locked_out" && e.Actor == "admin:" + email);
        Assert.Equal(5, audit.Count(e => e.Action == "administrator.sign_in_failed" && e.Detail == "wrong_password" && e.Actor == "admin:" + email));
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_IsRefused_AndCookiesAndHeadersAreStrict()
    {
        var customer = await Host.Admin.CreateCustomerAsync(CloudName.Mainline, "CSRF target", null);
        await Host.SyncAsync();
        var (page, _) = await ConsoleSteps.FirstSignInAsync(fixture, AdminRole.CloudAdmin);

        var form = page.APIRequest.CreateFormData();
        form.Set("Name", "csrf");
        form.Set("Owner", $"customer:{customer.Id}");
        var refused = await page.APIRequest.PostAsync("/console/credentials/new", new() { Form = form });
        Assert.Equal(400, refused.Status);
        Assert.DoesNotContain(await Host.Admin.Credentials.ListAsync(CloudName.Mainline), d => d.Credential.Name == "csrf");

        var cookies = await page.Context.CookiesAsync();
        var session = cookies.Single(c => c.Name == "tollgate.console.mainline");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/console", session.Path);
        Assert.True(cookies.Single(c => c.Name == "tollgate.antiforgery").HttpOnly);

        var response = await page.GotoAsync("/console/credentials");
        var headers = await response!.AllHeadersAsync();
        Assert.StartsWith("default-src 'none'; script-src 'self'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        Assert.Contains("no-store", headers["cache-control"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);

        // The page keeps to its own policy: no inline script, only Tollgate's own assets (no CDN).
        var inline = await page.EvaluateAsync<int>("() => [...document.scripts].filter(s => !s.src).length");
        Assert.Equal(0, inline);
        var origins = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(r => new URL(r.name).origin)");
        Assert.All(origins, o => Assert.Equal(Host.Mainline, o));
    }

    [Fact]
    public async Task CloudAdministrator_InvitesAndDisablesAnAdministrator_WhoseSessionEnds()
    {
        var (admin, _) = await ConsoleSteps.FirstSignInAsync(fixture, AdminRole.CloudAdmin);
        await admin.GotoAsync("/console/administrators");
        var email = $"invited-{Guid.NewGuid():N}@example.com";
        await admin.GetByLabel("E-mail address").FillAsync(email);
        await admin.GetByLabel("Role").SelectOptionAsync("cloud-admin-read-only");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var password = (await admin.Locator("#one-time-password").TextContentAsync())!.Trim();
        await ConsoleSteps.ScreenshotAsync(admin, "administrators");

        // The invited administrator signs in elsewhere with the password the page showed.
        var other = await (await fixture.NewContextAsync()).NewPageAsync();
        await ConsoleSteps.SignInAsync(other, email, password);
        await Expect(other).ToHaveURLAsync(new Regex("/console/password$"));

        await admin.GetByRole(AriaRole.Button, new() { Name = $"Disable {email}" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("is disabled");

        // Its session ends at its next request.
        await other.GotoAsync("/console/password");
        await Expect(other).ToHaveURLAsync(new Regex("/console/sign-in"));
    }

    [Fact]
    public async Task Console_OnAPhone_KeysAndAudit_AndTheSessionBelongsToOneCloud()
    {
        var (page, _) = await ConsoleSteps.FirstSignInAsync(fixture, AdminRole.CloudAdmin);
        await page.GotoAsync("/console/keys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("signs from now on");
        await Expect(page.Locator("td.status-active")).ToHaveCountAsync(1);
        await ConsoleSteps.ScreenshotAsync(page, "keys");

        // The audit trail as CSV, through the page's own link.
        await page.GotoAsync("/console/audit?action=keys.rotate");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href");
        var csv = await page.APIRequest.GetAsync(href!);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(await csv.BodyAsync());
        Assert.Contains("keys.rotate", text, StringComparison.Ordinal);
        Assert.DoesNotContain("credential.create", text, StringComparison.Ordinal);

        // A phone's width: the page itself never scrolls sideways (wide tables scroll in their own box).
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/console/credentials");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await ConsoleSteps.ScreenshotAsync(page, "credentials-phone");

        // The mainline session means nothing on another cloud's console.
        var govcloud = Host.Issuers["govcloud"];
        await page.GotoAsync(govcloud + "/console/credentials");
        Assert.Equal("/console/sign-in", new Uri(page.Url).AbsolutePath);
    }
}
