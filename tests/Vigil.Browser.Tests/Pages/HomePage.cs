namespace Vigil.Browser.Tests.Pages;

/// <summary>/: who is signed in and how many subjects they can see.</summary>
public sealed class HomePage : AppPage
{
    private HomePage(BrowserSession session) : base(session)
    {
    }

    public ILocator VisibleSubjects => Page.GetByTestId("visible-subjects");

    public static async Task<HomePage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/");
        return await ArrivedAsync(session);
    }

    public static Task<HomePage> ArrivedAsync(BrowserSession session) => ArriveAsync(new HomePage(session), "Vigil");

    public async Task<int> VisibleSubjectCountAsync() =>
        int.Parse((await VisibleSubjects.InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
