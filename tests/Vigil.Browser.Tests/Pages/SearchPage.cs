namespace Vigil.Browser.Tests.Pages;

/// <summary>/search: the one search's results, ranked, with facets.</summary>
public sealed class SearchPage : AppPage
{
    private SearchPage(BrowserSession session) : base(session)
    {
    }

    public ILocator AllHits => Page.GetByTestId("search-hit");
    public ILocator Hits(string type) => Page.Locator($"[data-testid=search-hit][data-type={type}]");
    public ILocator Total => Page.GetByTestId("search-total");
    public ILocator NoResults => Page.GetByTestId("search-none");

    /// <summary>Types into the search box in the header of any page and submits it.</summary>
    public static async Task<SearchPage> FromHeaderAsync(AppPage from, string text)
    {
        await from.Page.GetByTestId("header-search").GetByRole(AriaRole.Searchbox).FillAsync(text);
        await from.Session.SubmitAsync(from.Page.GetByTestId("header-search").GetByRole(AriaRole.Button, new() { Name = "Search" }));
        return await ArriveAsync(new SearchPage(from.Session), text.Trim().Length == 0 ? "Search" : "Search results");
    }
}
