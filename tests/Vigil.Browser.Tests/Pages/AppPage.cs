using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Pages;

/// <summary>A page of the app as the user sees it. A page object is only handed out once the browser is
/// on that page (its heading shows) and axe has found no serious or critical violation on it.</summary>
public abstract class AppPage(BrowserSession session)
{
    public BrowserSession Session => session;
    public IPage Page => session.Page;

    /// <summary>The page's main heading.</summary>
    public ILocator Heading => Page.Locator("main h1").First;

    /// <summary>"Signed in as NAME (E-MAIL), UNIT, cleared to CLEARANCE" above every page.</summary>
    public ILocator SignedInAs => Page.GetByTestId("signed-in-as");

    /// <summary>Waits for the heading, then runs axe and checks the page fits its viewport's width.</summary>
    protected static async Task<TPage> ArriveAsync<TPage>(TPage target, string heading) where TPage : AppPage
    {
        await Expect(target.Heading).ToHaveTextAsync(heading);
        await Accessibility.AssertNoSeriousViolationsAsync(target.Page, $"{typeof(TPage).Name} \"{heading}\"");
        await Layout.AssertFitsAsync(target.Page, $"{typeof(TPage).Name} \"{heading}\"");
        Assert.True(target.Session.Problems.Count == 0, string.Join(Environment.NewLine, target.Session.Problems));
        return target;
    }

    public Task ScreenshotAsync(string fileName) => Screenshots.SaveAsync(Page, fileName);
}
