using System.Text.Json;
using AngleSharp.Html.Dom;
using Vigil.Web.Platform.Audit;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Platform;

/// <summary>The header search: each module's source finds what the user may see (and counts only that), a
/// page at a time, audited; partner agencies, whom no source serves, get no box.</summary>
public sealed class SearchTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static List<string> Hits(IHtmlDocument page, string section) =>
        [.. page.QuerySelectorAll($"[data-testid=search-section-{section}] [data-testid=search-hit] a").Select(a => a.TextContent.Trim())];

    private static async Task<Guid> SubjectAsync(HttpClient api, string given, string surname)
    {
        var response = await api.PostAsJsonAsync("/api/v1/subjects", new { givenName = given, surname, classification = "Official", acknowledgedCandidates = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Search_ByName_FindsOnlyWhatTheUserMaySee_AndAuditsEachSource()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var surname = "Searchwright" + Guid.NewGuid().ToString("N")[..6];
        var id = await SubjectAsync(northWest, "Harriet", surname);
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        var operation = (await OpenAsync(london, "Operation " + surname.ToUpperInvariant())).GetProperty("id").GetGuid();

        var officer = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var (response, page) = await officer.GetAsync($"/search?q={surname.ToLowerInvariant()[..10]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Harriet {surname}", Hits(page, "subjects"));
        Assert.Equal($"/subjects/{id}", page.QuerySelector("[data-testid=search-section-subjects] [data-testid=search-hit] a")!.GetAttribute("href"));
        // London's investigation is not North West's: not listed, not counted.
        Assert.DoesNotContain(Hits(page, "investigations"), h => h.Contains(surname, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(surname.ToUpperInvariant(), page.QuerySelector("[data-testid=search-section-investigations]")!.TextContent, StringComparison.Ordinal);

        var sio = await app.SignInAsync(DemoUsers.SioLondon);
        var (_, theirs) = await sio.GetAsync($"/search?q={Uri.EscapeDataString(surname.ToUpperInvariant())}");
        Assert.Equal(["Operation " + surname.ToUpperInvariant()], Hits(theirs, "investigations"));
        Assert.Equal($"/investigations/{operation}", theirs.QuerySelector("[data-testid=search-section-investigations] [data-testid=search-hit] a")!.GetAttribute("href"));
        // North West's subject is not London's.
        Assert.Empty(Hits(theirs, "subjects"));

        var typed = surname.ToLowerInvariant()[..10];
        var audit = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.Search && e.Detail!.Contains(typed)).ToListAsync());
        Assert.Contains(audit, e => e.RecordType == "subject" && e.UserName == DemoUsers.InvestigatorNorthWest && e.Detail!.Contains(id.ToString()));
        Assert.Contains(audit, e => e.RecordType == "investigation" && e.UserName == DemoUsers.InvestigatorNorthWest && e.Detail!.Contains("0 of 0"));
        Assert.Contains(await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.Search && e.RecordType == "investigation" && e.UserName == DemoUsers.SioLondon).Select(e => e.Detail).ToListAsync()),
            d => d!.Contains(operation.ToString()));
    }

    [Fact]
    public async Task Search_ManyMatches_ShowsAFewOfEach_ThenOneSourcePaged()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var surname = "Manymatch" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 7; i++)
        {
            await SubjectAsync(northWest, $"Given{(char)('A' + i)}", surname);
        }
        var officer = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var (_, summary) = await officer.GetAsync($"/search?q={surname}");
        Assert.Equal(5, Hits(summary, "subjects").Count);
        var more = summary.QuerySelector("[data-testid=search-section-subjects] [data-testid=search-more]")!;
        Assert.Equal("See all 7 subjects", more.TextContent.Trim());

        var (_, all) = await officer.GetAsync(more.GetAttribute("href")!);
        Assert.Equal(7, Hits(all, "subjects").Count);
        Assert.Null(all.QuerySelector("[data-testid=search-section-investigations]"));
        var audit = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.Search && e.RecordType == "subject" && e.Detail!.Contains(surname)).Select(e => e.Detail!).ToListAsync());
        Assert.Contains(audit, d => d.Contains("5 of 7 shown", StringComparison.Ordinal));
        Assert.Contains(audit, d => d.Contains("7 of 7 shown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_EmptyOrUnmatched_SaysWhatToDo()
    {
        var officer = await app.SignInAsync(DemoUsers.AnalystWales);
        var (_, empty) = await officer.GetAsync("/search?q=%20%20");
        Assert.NotNull(empty.QuerySelector("[data-testid=search-empty]"));
        Assert.Empty(empty.QuerySelectorAll("[data-testid^=search-section]"));

        var (_, none) = await officer.GetAsync("/search?q=zzqxnomatchzz");
        Assert.Contains("There are no results for zzqxnomatchzz", none.QuerySelector("[data-testid=search-none]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderSearch_ShownToOfficers_NotToPartnersOrBeforeSignIn()
    {
        var officer = await app.SignInAsync(DemoUsers.AnalystWales);
        var (_, home) = await officer.GetAsync("/");
        var form = home.QuerySelector("header + section [data-testid=header-search]") ?? home.QuerySelector("[data-testid=header-search]")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=q]"));

        var partner = await app.SignInAsync(DemoUsers.ChannelManchester);
        var (_, partnerHome) = await partner.GetAsync("/");
        Assert.Null(partnerHome.QuerySelector("[data-testid=header-search]"));
        var (_, partnerSearch) = await partner.GetAsync("/search?q=kestrel");
        Assert.NotNull(partnerSearch.QuerySelector("[data-testid=search-unavailable]"));
        Assert.Empty(partnerSearch.QuerySelectorAll("[data-testid=search-hit]"));

        var (_, signIn) = await new PageClient(app.CreateClient()).GetAsync("/account/sign-in");
        Assert.Null(signIn.QuerySelector("[data-testid=header-search]"));
    }
}
