namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>Base of the browser tests: each session it opens is a new browser context (no cookies),
/// closed when the test ends.</summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncDisposable
{
    private readonly List<BrowserSession> sessions = [];

    protected BrowserFixture Fixture => fixture;

    protected async Task<BrowserSession> NewSessionAsync()
    {
        var session = await fixture.NewSessionAsync();
        sessions.Add(session);
        return session;
    }

    /// <summary>A new session signed in as the demo account (with its two-factor code if it has one).</summary>
    protected async Task<HomePage> SignInAsync(string email)
    {
        var signIn = await SignInPage.OpenAsync(await NewSessionAsync());
        return await signIn.SignInAsync(email);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
