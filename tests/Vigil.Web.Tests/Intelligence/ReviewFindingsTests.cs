using System.Text.Json;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Intelligence;

/// <summary>What the security review found, kept found: a report names only the investigations and possible
/// matches its reader may see, and nothing of other units' holdings; search words cannot reach the access labels
/// nor ask for everything; saved-search types, long names and asks about restricted links are bounded.</summary>
public sealed class ReviewFindingsTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static async Task<JsonElement> ReportAsync(HttpClient api, object? entities = null, string classification = "Official")
    {
        var response = await api.PostAsJsonAsync("/api/v1/intelligence/reports", new { text = "A fictional report.", source = "2", assessment = "B", handling = "P", classification, entities });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task LinkedInvestigation_IsShownOnlyToThoseWhoMaySeeIt()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var operation = await OpenAsync(sio, UniqueOperation("SHOWNONLY"));
        var report = await ReportAsync(sio);
        var id = report.GetProperty("id").GetGuid();
        await PostAsync(sio, $"/api/v1/intelligence/reports/{id}/investigations", new { investigationId = operation.GetProperty("id").GetGuid() });

        using var outsider = await app.ApiClientAsync(DemoUsers.DisclosureLondon);
        var read = await outsider.GetFromJsonAsync<JsonElement>($"/api/v1/intelligence/reports/{id}");
        Assert.Empty(read.GetProperty("investigations").EnumerateArray());
        Assert.DoesNotContain(operation.GetProperty("operationName").GetString()!, read.GetRawText(), StringComparison.Ordinal);
        Assert.Single((await sio.GetFromJsonAsync<JsonElement>($"/api/v1/intelligence/reports/{id}")).GetProperty("investigations").EnumerateArray());
    }

    [Fact]
    public async Task EntityNotes_NameOnlyWhatTheReaderMaySee_AndNoOtherUnitsHoldings()
    {
        // A North West person, and a SECRET London one with the same name: the London officer sees only the second.
        var surname = "Notewell" + Guid.NewGuid().ToString("N")[..6];
        using var northWest = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        Assert.Equal(HttpStatusCode.Created, (await northWest.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Jany", surname, dateOfBirth = "1991-03-07", classification = "Official", acknowledgedCandidates = true })).StatusCode);
        using var officer = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        foreach (var given in new[] { "Jany", "Janny" })
        {
            Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/subjects", new { givenName = given, surname, dateOfBirth = "1991-03-07", classification = "Secret", acknowledgedCandidates = true })).StatusCode);
        }
        var report = await ReportAsync(officer, new[] { new { kind = "Person", givenName = "Jany", surname, dateOfBirth = "1991-03-07" } });
        var id = report.GetProperty("id").GetGuid();
        var note = report.GetProperty("entities")[0].GetProperty("linkNote").GetString()!;
        Assert.DoesNotContain("North West", note, StringComparison.Ordinal);

        // An OFFICIAL colleague reads the report: no SECRET person named, no unit's holdings.
        using var colleague = await app.ApiClientAsync(DemoUsers.DisclosureLondon);
        var theirs = (await colleague.GetFromJsonAsync<JsonElement>($"/api/v1/intelligence/reports/{id}/entities"))[0];
        Assert.DoesNotContain(surname, theirs.GetProperty("linkNote").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("North West", theirs.GetProperty("linkNote").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the")]
    [InlineData("\"the\" a")]
    public async Task Search_OfStopWordsOnly_FindsNothing_OnEitherDatabase(string query)
    {
        using var api = await app.ApiClientAsync(DemoUsers.SioLondon);
        var response = await api.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(query));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            // SQLite keeps stop words (porter does not drop them), so "the" is a word there; PostgreSQL drops it and must find nothing.
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (VigilApp.OnPostgres)
            {
                Assert.Equal(0, answer.GetProperty("total").GetInt32());
            }
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Search_ForALabelWord_FindsNothing()
    {
        using var api = await app.ApiClientAsync(DemoUsers.SioLondon);
        var label = await app.AsSystemAsync(db => db.Set<Vigil.Web.Platform.Search.SearchEntry>().Where(e => e.RecordType == "investigation").Select(e => e.LabelWord).FirstAsync());
        var answer = await api.GetAsync("/api/v1/search?q=" + label);
        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest || (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32() == 0);
    }

    [Fact]
    public async Task SavedSearch_OfAnUnknownType_AndAnOverlongName_AreRefusedClearly()
    {
        using var api = await app.ApiClientAsync(DemoUsers.SioLondon);
        var saved = await api.PostAsJsonAsync("/api/v1/search/saved", new { name = "t", q = "kestrel", type = new string('x', 65) });
        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("Choose one of", (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("type")[0].GetString(), StringComparison.Ordinal);

        var report = await ReportAsync(api);
        var entity = await api.PostAsJsonAsync($"/api/v1/intelligence/reports/{report.GetProperty("id").GetGuid()}/entities", new { kind = "Person", givenName = new string('A', 200), surname = new string('B', 200) });
        Assert.Equal(HttpStatusCode.BadRequest, entity.StatusCode);
        Assert.Contains("399 characters", (await entity.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Surname")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskingAboutRestrictedLinks_IsLimitedPerDay()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var people = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var made = await sio.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Asker" + i, surname = "Limit" + Guid.NewGuid().ToString("N")[..6], classification = "Official", acknowledgedCandidates = true });
            people.Add((await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        using var analyst = await app.ApiClientAsync(DemoUsers.InvestigatorLondon);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Vigil.Web.Platform.Graph.LinkChart.AsksPerDay; i++)
        {
            statuses.Add((await analyst.PostAsJsonAsync("/api/v1/graph/ask", new { from = $"subject:{people[0]}", to = $"subject:{people[1]}" })).StatusCode);
        }
        Assert.All(statuses.Take(Vigil.Web.Platform.Graph.LinkChart.AsksPerDay), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
