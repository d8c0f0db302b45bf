namespace Vigil.Browser.Tests.Pages;

/// <summary>/subjects: the first page of subjects the user may see.</summary>
public sealed class SubjectsPage : AppPage
{
    private SubjectsPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Table => Page.GetByTestId("subjects");

    public static async Task<SubjectsPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/subjects");
        return await ArriveAsync(new SubjectsPage(session), "Subjects");
    }

    /// <summary>The list's own total ("N results"), read at the moment the list was drawn.</summary>
    public async Task<int> TotalAsync()
    {
        var text = (await Page.GetByTestId("result-count").InnerTextAsync()).Trim();
        return int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record Row(string Name, string Href, string OwningUnit, string Marking);

    public async Task<IReadOnlyList<Row>> RowsAsync()
    {
        var rows = new List<Row>();
        foreach (var row in await Table.Locator("tbody tr").AllAsync())
        {
            var link = row.Locator("td").Nth(0).Locator("a");
            rows.Add(new Row(
                (await link.InnerTextAsync()).Trim(),
                await link.GetAttributeAsync("href") ?? "",
                (await row.Locator("td").Nth(2).InnerTextAsync()).Trim(),
                (await row.Locator("td").Nth(3).InnerTextAsync()).Trim()));
        }
        return rows;
    }

    /// <summary>Follows the subject's link in the table.</summary>
    public async Task<SubjectPage> OpenSubjectAsync(Row row)
    {
        await Session.SubmitAsync(Table.Locator($"a[href='{row.Href}']"));
        return await SubjectPage.ArrivedAsync(Session);
    }
}
