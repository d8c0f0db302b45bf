namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>
/// Shared by every test: the app as its own process and one headless Debian Chromium driven by
/// Playwright. Playwright never downloads a browser here; it launches /usr/bin/chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private AppProcess? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public AppProcess App => app ?? throw new InvalidOperationException("The fixture is not initialised.");
    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async ValueTask InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath} (Debian: apt-get install chromium).");
        }
        // Start the app and the browser side by side: both take a few seconds.
        var starting = AppProcess.StartAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=en-GB"],
        });
        app = await starting;
    }

    /// <summary>A fresh browser context (no cookies) and page for one test.</summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = App.BaseUrl.ToString(),
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
