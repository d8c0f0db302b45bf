namespace Vigil.Browser.Tests.Pages;

/// <summary>/subjects/{id}: one subject's record.</summary>
public sealed class SubjectPage : AppPage
{
    private SubjectPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Name => Page.GetByTestId("subject-name");
    public ILocator Marking => Page.GetByTestId("marking").First;

    public static async Task<SubjectPage> ArrivedAsync(BrowserSession session)
    {
        var page = new SubjectPage(session);
        await Microsoft.Playwright.Assertions.Expect(page.Name).ToBeVisibleAsync();
        return await ArriveAsync(page, (await page.Name.InnerTextAsync()).Trim());
    }
}
