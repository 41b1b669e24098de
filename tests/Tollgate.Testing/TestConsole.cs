using System.Net;
using System.Text.RegularExpressions;

namespace Tollgate.Testing;

/// <summary>The console's sign-in form as a plain HTTP client posts it: the page's antiforgery token, then e-mail and password.</summary>
public static partial class TestConsole
{
    /// <summary>Where the sign-in sent the browser: <c>/console/password</c> (a one-time password), <c>/console/credentials</c>, or null (refused, the form again).</summary>
    public static async Task<string?> SignInAsync(Uri baseAddress, string email, string password)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        var form = await browser.GetStringAsync("/console/sign-in");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        using var signIn = await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent(
            [new("Email", email), new("Password", password), new("__RequestVerificationToken", antiforgery)]));
        return signIn.StatusCode switch
        {
            HttpStatusCode.Redirect => signIn.Headers.Location?.OriginalString,
            HttpStatusCode.OK => null,
            var other => throw new InvalidOperationException($"The sign-in answered {(int)other}."),
        };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
