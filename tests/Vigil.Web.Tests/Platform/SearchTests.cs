using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Vigil.Web.Platform.Audit;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Platform;

/// <summary>The one search: everything the user may see, ranked, counted and faceted inside the access
/// decision; exact identifiers whatever their formatting; any input answered with results or a clear message;
/// audited; the index written with the record.</summary>
public sealed class SearchTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static string Word(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private static async Task<Guid> SubjectAsync(HttpClient api, string given, string surname, string? phone = null, string? summary = null)
    {
        var response = await api.PostAsJsonAsync("/api/v1/subjects", new
        {
            givenName = given, surname, classification = "Official", acknowledgedCandidates = true, summary = summary ?? "",
            contacts = phone is null ? Array.Empty<object>() : [new { kind = "Phone", value = phone }],
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> SearchAsync(HttpClient api, string query, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await api.GetAsync($"/api/v1/search?{query}");
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<Guid> Ids(JsonElement answer) => [.. answer.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid())];

    private static List<string> Values(JsonElement answer, string facet) => [.. answer.GetProperty(facet).EnumerateArray().Select(f => f.GetProperty("value").GetString()!)];

    private static List<string> Hits(IHtmlDocument page) => [.. page.QuerySelectorAll("[data-testid=search-hit] > a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task Search_FindsOnlyWhatTheUserMaySee_InHitsTotalsAndFacets_AndAuditsIt()
    {
        var word = Word("Quillon");
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var subject = await SubjectAsync(northWest, "Harriet", "Searchwright", summary: $"Seen with {word} at the market.");
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        var operation = (await OpenAsync(london, "Operation " + word.ToUpperInvariant())).GetProperty("id").GetGuid();

        var theirs = await SearchAsync(northWest, $"q={word}");
        Assert.Equal([subject], Ids(theirs));
        Assert.Equal(1, theirs.GetProperty("total").GetInt32());
        Assert.Equal(["subject"], Values(theirs, "types"));
        Assert.Contains($"<mark>{word.ToLowerInvariant()}</mark>", theirs.GetProperty("hits")[0].GetProperty("snippetHtml").GetString()!, StringComparison.OrdinalIgnoreCase);

        var ours = await SearchAsync(london, $"q={word}");
        Assert.Equal([operation], Ids(ours));
        Assert.Equal(["investigation"], Values(ours, "types"));
        Assert.Single(Values(ours, "units"));

        var audit = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.Search && e.RecordType == "search" && e.Detail!.Contains(word)).ToListAsync());
        Assert.Contains(audit, e => e.UserName == DemoUsers.InvestigatorNorthWest && e.Detail!.Contains("subject:" + subject, StringComparison.Ordinal) && e.Detail.Contains("1 of 1", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.UserName == DemoUsers.SioLondon && e.Detail!.Contains("investigation:" + operation, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_ChildOfAnInvestigation_FollowsItsTeam_WhenTheTeamChanges()
    {
        var word = Word("Tessellate");
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        var operation = (await OpenAsync(london, UniqueOperation("SEARCHTEAM"))).GetProperty("id").GetGuid();
        await PostAsync(london, $"/api/v1/investigations/{operation}/actions", new { title = $"Trace the {word} purchase", priority = "High" }, HttpStatusCode.Created);
        using var investigator = await app.ApiClientAsync(DemoUsers.InvestigatorLondon);
        Assert.Empty(Ids(await SearchAsync(investigator, $"q={word}")));
        Assert.Equal(1, (await SearchAsync(london, $"q={word}&type=action")).GetProperty("total").GetInt32());

        // Joining the team relabels the investigation, and its action's entry with it, in the same save.
        await AddMemberAsync(london, operation, DemoUsers.InvestigatorLondon, "Officer");
        var found = await SearchAsync(investigator, $"q={word}");
        Assert.Equal(["action"], Values(found, "types"));
        Assert.StartsWith($"/investigations/{operation}/actions/", found.GetProperty("hits")[0].GetProperty("href").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+44 7700 900{0}")]
    [InlineData("07700900{0}")]
    [InlineData("07700-900-{0}")]
    public async Task Search_ExactIdentifier_MatchesWhateverItsFormatting(string typed)
    {
        var digits = Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var subject = await SubjectAsync(northWest, "Phoebe", Word("Dialler"), phone: $"07700 900 {digits}");
        var answer = await SearchAsync(northWest, "q=" + Uri.EscapeDataString(string.Format(System.Globalization.CultureInfo.InvariantCulture, typed, digits)));
        Assert.Contains(subject, Ids(answer));
    }

    [Fact]
    public async Task Search_TotalEqualsWhatPagingThroughReturns()
    {
        var word = Word("Pagewise");
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var made = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            made.Add(await SubjectAsync(northWest, "Given" + (char)('A' + i), "Pager", summary: word));
        }
        var first = await SearchAsync(northWest, $"q={word}");
        var second = await SearchAsync(northWest, $"q={word}&page=2");
        Assert.Equal(23, first.GetProperty("total").GetInt32());
        Assert.Equal(20, Ids(first).Count);
        Assert.Equal(made.Order(), Ids(first).Concat(Ids(second)).Order());
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("OR")]
    [InlineData("- -- ---")]
    [InlineData("AND NOT NEAR(")]
    [InlineData("\u0001\u0002 \u0007")]
    [InlineData("*")]
    [InlineData("{Title}: x")]
    public async Task Search_SyntaxOfAnyKind_AnswersResultsOrAClearMessage_NeverAFailure(string typed)
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var response = await api.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(typed));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{typed}: {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty("q")[0].GetString()));
        }
        var page = await app.SignInAsync(DemoUsers.AnalystWales);
        var (shown, _) = await page.GetAsync("/search?q=" + Uri.EscapeDataString(typed));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task Search_TenThousandCharacters_IsRefusedWithTheLimit_OnTheApiAndThePage()
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var problem = await SearchAsync(api, "q=" + new string('a', 10_000), HttpStatusCode.BadRequest);
        Assert.Equal("Search for 200 characters or fewer", problem.GetProperty("errors").GetProperty("q")[0].GetString());

        var officer = await app.SignInAsync(DemoUsers.AnalystWales);
        var (_, page) = await officer.GetAsync("/search?q=" + new string('a', 10_000));
        Assert.Contains("Search for 200 characters or fewer", page.QuerySelector("[data-testid=error-summary]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_ShowsRankedHitsWithFacets_AndNarrowsByType()
    {
        var word = Word("Marrowfat");
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        var operation = (await OpenAsync(london, "Operation " + word.ToUpperInvariant())).GetProperty("id").GetGuid();
        await PostAsync(london, $"/api/v1/investigations/{operation}/actions", new { title = $"Visit the {word} allotment", priority = "Medium" }, HttpStatusCode.Created);

        var sio = await app.SignInAsync(DemoUsers.SioLondon);
        var (_, page) = await sio.GetAsync($"/search?q={word}");
        Assert.Equal("2 results", page.QuerySelector("[data-testid=search-total]")!.TextContent.Trim());
        Assert.Equal(2, Hits(page).Count);
        var facet = page.QuerySelector("[data-testid=search-facet-type] li[data-value=action] a")!;
        var (_, narrowed) = await sio.GetAsync(facet.GetAttribute("href")!);
        Assert.Equal([$"Action A1: Visit the {word} allotment"], Hits(narrowed));
        Assert.NotNull(narrowed.QuerySelector("[data-testid=search-chosen] a"));
    }

    [Fact]
    public async Task Search_EmptyOrUnmatched_SaysWhatToDo()
    {
        var officer = await app.SignInAsync(DemoUsers.AnalystWales);
        var (_, empty) = await officer.GetAsync("/search?q=%20%20");
        Assert.NotNull(empty.QuerySelector("[data-testid=search-empty]"));
        Assert.Empty(empty.QuerySelectorAll("[data-testid=search-hit]"));

        var (_, none) = await officer.GetAsync("/search?q=zzqxnomatchzz");
        Assert.Contains("There are no results for zzqxnomatchzz", none.QuerySelector("[data-testid=search-none]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderSearch_ShownToOfficers_NotToPartnersOrBeforeSignIn()
    {
        var officer = await app.SignInAsync(DemoUsers.AnalystWales);
        var (_, home) = await officer.GetAsync("/");
        var form = home.QuerySelector("[data-testid=header-search]")!;
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

    [Fact]
    public async Task SavedSearch_TellsItsOwnerAlone_OfNewRecordsTheyMaySee_AndNothingOfHiddenOnes()
    {
        var word = Word("Halyard");
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var saved = await northWest.PostAsJsonAsync("/api/v1/search/saved", new { name = "Halyard watch", q = word });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var savedId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A London record with the word is not North West's to know of: no notice.
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        await OpenAsync(london, "Operation " + word.ToUpperInvariant());
        await TellAsync();
        Assert.DoesNotContain(await NoticesAsync(northWest), n => n.Contains(savedId.ToString(), StringComparison.Ordinal));

        // A North West subject with it is.
        await SubjectAsync(northWest, "Ottoline", "Rigger", summary: $"Seen at the {word} yard.");
        await TellAsync();
        Assert.Contains(await NoticesAsync(northWest), n => n.Contains(savedId.ToString(), StringComparison.Ordinal) && n.Contains("1 new record", StringComparison.Ordinal));
        // Nobody else in the unit is told of another officer's search.
        using var colleague = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        Assert.DoesNotContain(await NoticesAsync(colleague), n => n.Contains(savedId.ToString(), StringComparison.Ordinal));
        // Told once: a second check finds nothing new.
        await TellAsync();
        Assert.Single(await NoticesAsync(northWest), n => n.Contains(savedId.ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, (await colleague.DeleteAsync($"/api/v1/search/saved/{savedId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await northWest.DeleteAsync($"/api/v1/search/saved/{savedId}")).StatusCode);
    }

    private Task TellAsync() => app.AsSystemAsync(async _ =>
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Vigil.Web.Platform.Security.AccessContext>().RunAsSystem("test");
        await scope.ServiceProvider.GetRequiredService<Vigil.Web.Platform.Search.SavedSearches>().TellOwnersAsync(CancellationToken.None);
    });

    private static async Task<List<string>> NoticesAsync(HttpClient api) =>
        [.. (await api.GetFromJsonAsync<JsonElement>("/api/v1/inbox?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(i => $"{i.GetProperty("recordId").GetString()} {i.GetProperty("body").GetString()}")];
}

/// <summary>The app with a small number of candidates, so that a test can pass it.</summary>
public sealed class FewCandidatesApp : VigilApp
{
    public const int Candidates = 5;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(DefaultSettings)
    {
        ["Vigil:Search:Candidates"] = Candidates.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>A word in more records than a search looks at: the newest are ranked and counted, and the answer says "more than".</summary>
public sealed class SearchCandidateTests(FewCandidatesApp app) : IClassFixture<FewCandidatesApp>
{
    [Fact]
    public async Task Search_BeyondItsCandidates_SaysMoreThan_AndPagesThroughTheNewest()
    {
        var word = "Overflow" + Guid.NewGuid().ToString("N")[..8];
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var made = new List<Guid>();
        for (var i = 0; i < FewCandidatesApp.Candidates + 2; i++)
        {
            var response = await api.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Given" + (char)('A' + i), surname = "Many", summary = word, classification = "Official", acknowledgedCandidates = true });
            made.Add((await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid());
        }
        var answer = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/search?q={word}");
        Assert.True(answer.GetProperty("moreThanTotal").GetBoolean());
        Assert.Equal(FewCandidatesApp.Candidates, answer.GetProperty("total").GetInt32());
        var hits = answer.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(made.TakeLast(FewCandidatesApp.Candidates).Order(), hits.Order());
        Assert.Equal(FewCandidatesApp.Candidates, answer.GetProperty("types")[0].GetProperty("count").GetInt32());

        var officer = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var (_, page) = await officer.GetAsync($"/search?q={word}");
        Assert.Equal($"More than {FewCandidatesApp.Candidates} results", page.QuerySelector("[data-testid=search-total]")!.TextContent.Trim());
    }
}
