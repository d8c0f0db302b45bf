using System.Globalization;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Subjects;

/// <summary>Subjects in the header search: the subject list's own search (the access filter, one page, audited
/// as a search), shown as links to the records.</summary>
public sealed class SubjectSearch(SubjectRecords records) : ISearchSource
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var page = await records.SearchAsync(query.Text, SubjectSort.Surname, false, query.Page, query.PageSize, ct);
        return new SearchResults([.. page.Items.Select(s => new SearchHit($"{s.GivenName} {s.Surname}", $"/subjects/{s.Id}", Detail(s)))], page.Total, page.MoreThanTotal);
    }

    private static string Detail(SubjectListItem s) => string.Join(", ", new[]
    {
        s.DateOfBirth is { } born ? "born " + born.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")) : null,
        "held by " + s.OwningUnit,
        s.WarningMarkers switch { 0 => null, 1 => "1 warning marker", var n => $"{n} warning markers" },
    }.Where(p => p is not null));
}
