using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Pages;

/// <summary>/intelligence/reports/new: recording a graded report.</summary>
public sealed class RecordReportPage : AppPage
{
    private RecordReportPage(BrowserSession session) : base(session)
    {
    }

    public static async Task<RecordReportPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/intelligence/reports/new");
        return await ArriveAsync(new RecordReportPage(session), "Record an intelligence report");
    }

    public ILocator Form => Page.GetByTestId("report-form");

    /// <summary>Fills the text, the 3x5x2 grades and the classification, and a person and a phone it names; then submits.</summary>
    public async Task<ReportPage> RecordAsync(string text, string source, string assessment, string handling, string classification, string given, string surname, string phone)
    {
        await Form.GetByLabel("What the intelligence says").FillAsync(text);
        await Form.GetByRole(AriaRole.Group, new() { Name = "Source evaluation" }).GetByLabel(source).CheckAsync();
        await Form.GetByRole(AriaRole.Group, new() { Name = "Intelligence assessment" }).GetByLabel(assessment).CheckAsync();
        await Form.GetByRole(AriaRole.Group, new() { Name = "Handling code" }).GetByLabel(handling).CheckAsync();
        await Form.GetByRole(AriaRole.Group, new() { Name = "Classification" }).GetByLabel(classification, new() { Exact = true }).CheckAsync();
        await Form.GetByLabel("Person's given name").FillAsync(given);
        await Form.GetByLabel("Person's surname").FillAsync(surname);
        await Form.GetByLabel("Phone number").FillAsync(phone);
        await Session.SubmitAsync(Form.GetByRole(AriaRole.Button, new() { Name = "Record the report" }));
        return await ReportPage.ArrivedAsync(Session);
    }
}

/// <summary>/intelligence/reports/{id}: a report, its grading, what it names and its links.</summary>
public sealed class ReportPage : AppPage
{
    private ReportPage(BrowserSession session) : base(session)
    {
    }

    public static async Task<ReportPage> ArrivedAsync(BrowserSession session)
    {
        await Expect(session.Page.GetByTestId("report-heading")).ToBeVisibleAsync();
        var heading = (await session.Page.GetByTestId("report-heading").InnerTextAsync()).Trim();
        return await ArriveAsync(new ReportPage(session), heading);
    }

    public string Id => Session.Path.Split('/')[3].Split('?')[0];
    public ILocator Grade => Page.GetByTestId("grade");
    public ILocator Entities => Page.GetByTestId("entity");
    public ILocator Done => Page.GetByTestId("done");
    public ILocator Investigations => Page.GetByTestId("investigations");

    public async Task<ReportPage> LinkInvestigationAsync(string operation)
    {
        var form = Page.GetByTestId("link-form");
        await form.GetByLabel("Link to an investigation").FillAsync(operation);
        await Session.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Link the report" }));
        return await ArrivedAsync(Session);
    }

    public async Task<LinkChartPage> OpenChartAsync()
    {
        await Session.SubmitAsync(Page.GetByTestId("link-chart"));
        return await LinkChartPage.ArrivedAsync(Session);
    }
}

/// <summary>/graph: the link chart, drawn by cytoscape.js.</summary>
public sealed class LinkChartPage : AppPage
{
    private LinkChartPage(BrowserSession session) : base(session)
    {
    }

    public static async Task<LinkChartPage> ArrivedAsync(BrowserSession session)
    {
        var page = await ArriveAsync(new LinkChartPage(session), "Link chart");
        await Expect(session.Page.Locator("[data-vigil-chart][data-ready=true]")).ToBeVisibleAsync();
        return page;
    }

    public ILocator Chart => Page.GetByTestId("chart");
    public ILocator Nodes => Page.GetByTestId("chart-node");

    /// <summary>The ids of the nodes cytoscape has drawn.</summary>
    public Task<string[]> DrawnAsync() => Page.EvaluateAsync<string[]>("() => window.vigilChart.nodes().map(n => n.id())");

    /// <summary>Selects a drawn node (as a tap does) and expands it; waits for the chart to say it did.</summary>
    public async Task ExpandAsync(string nodeId)
    {
        var before = await Chart.GetAttributeAsync("data-expanded") ?? "0";
        await Page.EvaluateAsync("id => { window.vigilChart.nodes().unselect(); window.vigilChart.getElementById(id).select(); }", nodeId);
        await Page.GetByTestId("chart-expand").ClickAsync();
        await Expect(Chart).Not.ToHaveAttributeAsync("data-expanded", before);
    }

    /// <summary>Exports the chart and returns the downloaded file's bytes.</summary>
    public async Task<byte[]> ExportPngAsync()
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("chart-png").ClickAsync());
        Assert.Equal("link-chart.png", download.SuggestedFilename);
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path!);
    }
}
