using Microsoft.Playwright;
using Tollgate.Testing;

namespace Tollgate.Console.Tests;

/// <summary>
/// One Tollgate server (three clouds, a real SQLite file) and one headless Chromium for the console tests:
/// Debian's /usr/bin/chromium driven by Microsoft.Playwright. Each test opens its own browser context, so
/// sessions never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public TestHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync();
        _playwright = await Playwright.CreateAsync();
        var args = new List<string>
        {
            // The machine's network is closed: no background fetches, updates, sync or QUIC probes.
            "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic", "--disable-features=Translate,OptimizationHints",
        };
        if (Environment.UserName == "root")
        {
            args.Add("--no-sandbox");
        }

        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = args });
    }

    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = Host.Mainline });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
