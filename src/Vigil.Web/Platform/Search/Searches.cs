using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Platform.Search;

/// <summary>What the one search is asked: the words, the facets chosen, the page.</summary>
public sealed record SearchRequest(string? Q, string? Type = null, Guid? Unit = null, int? Year = null, string? Grade = null, int? Page = null);

public sealed record SearchFacet(string Value, string Label, int Count);

public sealed record SearchHitDto(string Type, string TypeName, Guid Id, string Title, string Href, string Unit, DateOnly? On, string? Grade, string SnippetHtml);

/// <summary>One page of what the user may see that matches, best first; <see cref="Total"/> counts exactly
/// those (paging through returns that many), and the facets count the same set by type, unit, year and grade.</summary>
public sealed record SearchAnswer(string Query, int Total, int Page, int PageSize, IReadOnlyList<SearchHitDto> Hits,
    IReadOnlyList<SearchFacet> Types, IReadOnlyList<SearchFacet> Units, IReadOnlyList<SearchFacet> Years, IReadOnlyList<SearchFacet> Grades)
{
    /// <summary>More match than were looked at (<see cref="Searches.Candidates"/>, the newest): the total, the facets and
    /// the ranking are of those; add words to narrow the search.</summary>
    public bool MoreThanTotal { get; init; }
}

/// <summary>
/// The one search over everything a user may see (subjects, investigations and their actions and statements,
/// intelligence reports, Prevent cases...): <see cref="SearchEngine"/> finds, ranks, counts and previews inside
/// the access decision (the labels this user may read are part of the index query), and every search is
/// audited with what was typed and what was shown. The rows are read from the read replica when there is one
/// (<see cref="ReadReplica"/>); the audit entry is written on the primary, in this request's unit of work.
/// </summary>
public sealed class Searches(VigilDb db, ReadReplica replica, AccessContext access, IEnumerable<SearchSection> sections, IOrganisationDirectory directory, IConfiguration configuration)
{
    public const int PageSize = 20;
    public const int MaxPage = 500;

    /// <summary>How many of the newest visible matches a search ranks, counts and facets (<c>Vigil:Search:Candidates</c>,
    /// 5,000 by default): a word in most records would otherwise cost what the network holds. Beyond it the answer says
    /// "more than", as the lists do.</summary>
    public int Candidates => Math.Max(1, configuration.GetValue<int?>("Vigil:Search:Candidates") ?? 5_000);

    public async Task<WorkResult<SearchAnswer>> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var (terms, problem) = SearchTerms.Read(request.Q);
        if (terms is null)
        {
            return WorkResult<SearchAnswer>.Invalid("q", problem!);
        }
        var served = sections.For(access);
        if (request.Type is { } type && served.All(s => s.Key != type))
        {
            return WorkResult<SearchAnswer>.Invalid("type", $"Choose one of: {string.Join(", ", served.Select(s => s.Key))}");
        }
        if (request.Grade is { } grade && (grade.Length is < 1 or > 8 || !grade.All(char.IsAsciiLetterOrDigit)))
        {
            return WorkResult<SearchAnswer>.Invalid("grade", "Choose a grade such as 2B");
        }
        if (request.Year is < 1900 or > 2200)
        {
            return WorkResult<SearchAnswer>.Invalid("year", "Choose a year between 1900 and 2200");
        }
        var page = Math.Clamp(request.Page ?? 1, 1, MaxPage);
        var reads = replica.Reads;
        var labels = await AccessPolicy.ReadableLabels(reads).ToListAsync(ct);
        var filter = new SearchFilter(request.Type, request.Unit, request.Year, request.Grade);
        var engine = SearchEngine.For(reads);
        var groups = await engine.GroupsAsync(reads, terms, labels, Candidates, ct);
        var rows = await engine.PageAsync(reads, terms, labels, filter, (page - 1) * PageSize, PageSize, Candidates, ct);
        var total = groups.Where(g => filter.Admits(g.RecordType, g.UnitId, g.Year, g.Grade)).Sum(g => g.Count);
        var more = groups.Sum(g => g.Count) >= Candidates;
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        var names = served.ToDictionary(s => s.Key, s => s.Heading);

        db.Audit(AuditActions.Search, AuditOutcomes.Success, "search", null,
            detail: string.Create(CultureInfo.InvariantCulture, $"\"{request.Q!.Trim()}\"{Narrowed(filter)}; page {page}; {rows.Count} of {(more ? "more than " : "")}{total} shown: {string.Join(",", rows.Select(r => r.RecordType + ":" + r.RecordId))}"));
        await db.SaveChangesAsync(ct);

        return WorkResult<SearchAnswer>.Ok(new SearchAnswer(request.Q!.Trim(), total, page, PageSize,
            [.. rows.Select(r => new SearchHitDto(r.RecordType, TypeName(names, r.RecordType), r.RecordId, r.Title, r.Href,
                units.GetValueOrDefault(r.UnitId, "another unit"), r.On, r.Grade, SearchEngine.SnippetHtml(r.Snippet)))],
            Facet(groups, g => g.RecordType, k => TypeName(names, k)),
            Facet(groups, g => g.UnitId.ToString(), k => units.GetValueOrDefault(Guid.Parse(k), "another unit")),
            [.. Facet(groups.Where(g => g.Year is not null), g => g.Year!.Value.ToString(CultureInfo.InvariantCulture), k => k).OrderByDescending(f => f.Value, StringComparer.Ordinal)],
            [.. Facet(groups.Where(g => g.Grade is not null), g => g.Grade!, k => k).OrderBy(f => f.Value, StringComparer.Ordinal)])
        { MoreThanTotal = more });
    }

    private static string TypeName(Dictionary<string, string> names, string key) => names.GetValueOrDefault(key, key);

    private static List<SearchFacet> Facet(IEnumerable<SearchGroup> groups, Func<SearchGroup, string> key, Func<string, string> label) =>
        [.. groups.GroupBy(key).Select(g => new SearchFacet(g.Key, label(g.Key), g.Sum(x => x.Count))).OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.Ordinal)];

    private static string Narrowed(SearchFilter f) => string.Concat(
        f.Type is null ? "" : $"; type {f.Type}", f.Unit is null ? "" : $"; unit {f.Unit}",
        f.Year is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; year {f.Year}"), f.Grade is null ? "" : $"; grade {f.Grade}");

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", async Task<Results<Ok<SearchAnswer>, NotFound, ValidationProblem, Refused>> (
                string? q, string? type, Guid? unit, int? year, string? grade, int? page, Searches searches, CancellationToken ct) =>
                await searches.SearchAsync(new SearchRequest(q, type, unit, year, grade, page), ct).AsOk())
            .RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Search")
            .WithSummary("Search everything you may see: ranked, with highlighted snippets and counts by type, unit, year and grade");
    }
}
