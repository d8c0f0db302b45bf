using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>
/// Issue 14's walk-through: the London intelligence officer records a graded report naming a person and a phone,
/// links it to an investigation, finds it through the header search, opens the link chart, expands it and exports
/// a PNG; the North West intelligence officer searching the same words sees nothing and no count.
/// </summary>
public sealed class IntelligenceWalkthroughTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task LondonRecordsLinksFindsAndCharts_NorthWestSeesNothing()
    {
        var word = "Sandpiper" + Guid.NewGuid().ToString("N")[..6];
        var surname = "Vexley" + Guid.NewGuid().ToString("N")[..4];
        var london = await SignInAsync(DemoUsers.IntelligenceLondon);
        await london.Page.SetViewportSizeAsync(1366, 900);

        var form = await RecordReportPage.OpenAsync(london.Session);
        var report = await form.RecordAsync($"A source reports that the person met an associate at the {word} depot to hand over a phone.",
            "2: untested", "B: known indirectly but corroborated", "P: lawful sharing permitted", "SECRET", "Perpetua", surname, "07700 900 456");
        await Expect(report.Done).ToContainTextAsync("Report recorded");
        await Expect(report.Grade).ToHaveTextAsync("Graded 2B P");
        await Expect(report.Entities).ToHaveCountAsync(2);
        await Expect(report.Entities.First).ToContainTextAsync($"Perpetua {surname}");
        await report.ScreenshotAsync("intelligence-report.png");

        report = await report.LinkInvestigationAsync("HARRIER");
        await Expect(report.Done).ToContainTextAsync("linked to the investigation");
        await Expect(report.Investigations).ToContainTextAsync("Operation HARRIER");

        var results = await SearchPage.FromHeaderAsync(report, word);
        await Expect(results.Total).ToHaveTextAsync("1 result");
        await Expect(results.AllHits).ToHaveCountAsync(1);
        await Expect(results.AllHits.First).ToContainTextAsync("Intelligence report");
        await Expect(results.AllHits.First.Locator("mark")).ToContainTextAsync([word.ToLowerInvariant()], new() { IgnoreCase = true });
        await results.ScreenshotAsync("search.png");

        await results.AllHits.First.GetByRole(AriaRole.Link).First.ClickAsync();
        report = await ReportPage.ArrivedAsync(london.Session);
        var chart = await report.OpenChartAsync();
        var drawn = await chart.DrawnAsync();
        var person = drawn.Single(id => id.StartsWith("subject:", StringComparison.Ordinal));
        Assert.Contains("phone:07700900456", drawn);
        await chart.ExpandAsync(person);
        Assert.Contains(await chart.DrawnAsync(), id => id.StartsWith("intelligence-report:", StringComparison.Ordinal));
        var png = await chart.ExportPngAsync();
        Assert.True(png.Length > 1000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        await chart.ScreenshotAsync("link-chart.png");

        var northWest = await SignInAsync(DemoUsers.IntelligenceNorthWest);
        var nothing = await SearchPage.FromHeaderAsync(northWest, word);
        await Expect(nothing.NoResults).ToContainTextAsync($"There are no results for {word}");
        await Expect(nothing.Total).ToHaveCountAsync(0);
        await Expect(nothing.Page.GetByTestId("search-facets")).ToHaveCountAsync(0);
        Assert.DoesNotContain("1 result", await nothing.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
