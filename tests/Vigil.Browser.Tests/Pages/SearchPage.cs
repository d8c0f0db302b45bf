namespace Vigil.Browser.Tests.Pages;

/// <summary>/search: the header search's results, a section per kind of record.</summary>
public sealed class SearchPage : AppPage
{
    private SearchPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Section(string key) => Page.GetByTestId($"search-section-{key}");
    public ILocator Hits(string key) => Section(key).GetByTestId("search-hit");
    public ILocator NoResults => Page.GetByTestId("search-none");

    /// <summary>Types into the search box in the header of any page and submits it.</summary>
    public static async Task<SearchPage> FromHeaderAsync(AppPage from, string text)
    {
        await from.Page.GetByTestId("header-search").GetByRole(AriaRole.Searchbox).FillAsync(text);
        await from.Session.SubmitAsync(from.Page.GetByTestId("header-search").GetByRole(AriaRole.Button, new() { Name = "Search" }));
        return await ArriveAsync(new SearchPage(from.Session), text.Trim().Length == 0 ? "Search" : "Search results");
    }
}
