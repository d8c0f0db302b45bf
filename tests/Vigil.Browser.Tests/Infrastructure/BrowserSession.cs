namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>One test's browser context and page. Page objects navigate through it, and every page they
/// land on is checked with axe.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly IPage page;
    private readonly List<string> problems = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        this.context = context;
        this.page = page;
        // What the app's Content-Security-Policy refused and any script that threw: each is a defect of a
        // page (an inline script or style the policy blocks is a feature that silently stopped working).
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (problems) { problems.Add($"{page.Url}: {message.Text}"); }
            }
        };
        page.PageError += (_, error) => { lock (problems) { problems.Add($"{page.Url}: script error {error}"); } };
    }

    public IPage Page => page;

    /// <summary>Policy refusals and script errors seen so far on this session's pages.</summary>
    public IReadOnlyList<string> Problems { get { lock (problems) { return [.. problems]; } } }

    /// <summary>Opens a path of the app and returns the response (for its status code).</summary>
    public async Task<IResponse> GotoAsync(string path)
    {
        try
        {
            var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
            return response ?? throw new InvalidOperationException($"No response for {path}");
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_HTTP_RESPONSE_CODE_FAILURE", StringComparison.Ordinal))
        {
            // Chromium shows its own error page for an error status with an empty body: say what the app sent.
            var answer = await context.APIRequest.GetAsync(path);
            var body = await answer.TextAsync();
            throw new InvalidOperationException(
                $"GET {path} answered {answer.Status} with {(body.Length == 0 ? "an empty body" : $"{body.Length} characters")}, which Chromium would not display as a page.", e);
        }
    }

    /// <summary>Clicks something that submits a form or follows a link, and waits for the next page to load.</summary>
    /// <remarks>
    /// A form post can answer with the same URL (a page re-rendered with its errors), so waiting for a URL
    /// is not enough: wait for the navigation itself. Playwright marks this API obsolete in favour of
    /// waiting for a URL, but it is the one that also covers a same-URL post.
    /// </remarks>
    public async Task<IResponse?> SubmitAsync(ILocator button)
    {
#pragma warning disable CS0612
        return await page.RunAndWaitForNavigationAsync(() => button.ClickAsync(), new() { WaitUntil = WaitUntilState.Load });
#pragma warning restore CS0612
    }

    public string Path => new Uri(page.Url).AbsolutePath;

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
