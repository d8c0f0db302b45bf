using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>The search box in the header finds what the officer may see, across kinds of record.</summary>
public sealed class SearchTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task HeaderSearch_OperationName_FindsTheInvestigation_AndFitsATablet()
    {
        var london = await SignInAsync(DemoUsers.SioLondon);
        await london.Page.SetViewportSizeAsync(768, 1024);
        // The box and its button fit beside or below the navigation without a sideways scroll.
        Assert.True(await london.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 768"));
        var results = await SearchPage.FromHeaderAsync(london, "kestrel");
        await Expect(results.Hits("investigation")).ToContainTextAsync(["KESTREL"]);
        await Expect(results.Page.GetByTestId("search-facet-type")).ToBeVisibleAsync();

        var none = await SearchPage.FromHeaderAsync(results, "zzqxnomatchzz");
        await Expect(none.NoResults).ToContainTextAsync("There are no results for zzqxnomatchzz");
    }
}
