using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Security;
using Vigil.Web.Reporting;
using static Vigil.Web.Tests.Reporting.ActIntakeTests;

namespace Vigil.Web.Tests.Reporting;

/// <summary>Triage inside the network: each unit's queue holds its own reports only and another unit's report answers
/// as a missing one; one officer holds a report at a time; deconfliction of what it names, masked for what the officer
/// may not see; a question reaches the reporter and the answer comes back; an intelligence report made from it, then
/// linked to an investigation whose SIO is told and whose CPS case file carries it without the reporter's details;
/// statistics under the aggregate rule.</summary>
public sealed class ActTriageTests(VigilApp app) : IClassFixture<VigilApp>
{
    private async Task<(Guid Id, string Reference, string Code)> ReportAsync(object body)
    {
        using var client = Public(app);
        var receipt = await SendAsync(client, body);
        var reference = receipt.GetProperty("reference").GetString()!;
        var id = await app.AsSystemAsync(db => db.Set<ActReport>().Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync());
        return (id, reference, receipt.GetProperty("followUpCode").GetString()!);
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string url, object body, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await api.PostAsJsonAsync(url, body);
        Assert.True(status == response.StatusCode, $"{url}: {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Queue_HoldsTheUnitsOwnReports_AnotherUnitsAnswersAsMissing_AndOnlyTriageOfficersWorkIt()
    {
        var (manchester, _, _) = await ReportAsync(Report("Fictional Manchester queue test."));
        var (london, _, _) = await ReportAsync(Report("Fictional London queue test.", "SW1A 1AA"));
        using var northWest = await app.ApiClientAsync(DemoUsers.ActNorthWest);
        var queue = await northWest.GetFromJsonAsync<JsonElement>("/api/v1/act/reports?pageSize=200");
        var ids = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(manchester, ids);
        Assert.DoesNotContain(london, ids);

        var hidden = await northWest.GetAsync($"/api/v1/act/reports/{london}");
        var missing = await northWest.GetAsync($"/api/v1/act/reports/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        static string Body(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"traceId\":\"[^\"]*\"", "");
        Assert.Equal(Body(await missing.Content.ReadAsStringAsync()), Body(await hidden.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await northWest.PostAsJsonAsync($"/api/v1/act/reports/{london}/take", new { })).StatusCode);

        using var investigator = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        Assert.Equal(HttpStatusCode.Forbidden, (await investigator.GetAsync("/api/v1/act/reports")).StatusCode);
        await PostAsync(investigator, $"/api/v1/act/reports/{manchester}/take", new { }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OneOfficerHoldsAReport_AnotherIsRefused_UntilItIsReleased()
    {
        var (id, _, _) = await ReportAsync(Report("Fictional hold test."));
        var second = $"act2.{Guid.NewGuid():N}@vigil.example";
        await app.CreateUserAsync(second, Roles.ActTriageOfficer, "north-west", Classification.Official);
        using var first = await app.ApiClientAsync(DemoUsers.ActNorthWest);
        using var other = await app.ApiClientAsync(second);
        var taken = await PostAsync(first, $"/api/v1/act/reports/{id}/take", new { });
        Assert.Equal("InProgress", taken.GetProperty("state").GetString());
        var refused = await PostAsync(other, $"/api/v1/act/reports/{id}/take", new { }, HttpStatusCode.Conflict);
        Assert.Contains("holds this report", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await PostAsync(other, $"/api/v1/act/reports/{id}/questions", new { question = "Fictional question?" }, HttpStatusCode.Conflict);
        // A version read before someone else's change is stale.
        await PostAsync(first, $"/api/v1/act/reports/{id}/release", new { version = Guid.NewGuid() }, HttpStatusCode.Conflict);
        await PostAsync(first, $"/api/v1/act/reports/{id}/release", new { version = taken.GetProperty("version").GetGuid() });
        Assert.Equal("InProgress", (await PostAsync(other, $"/api/v1/act/reports/{id}/take", new { })).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Taking_ChecksWhatItNames_AHiddenHolderIsMasked_AndTheQuestionReachesTheReporter()
    {
        // DM24ACT is held on a London record: North West learns only that London holds something.
        var (id, reference, code) = await ReportAsync(Report("Fictional masked hit test.", vehicles: [new { registration = "DM24 ACT", make = "Ford" }]));
        using var officer = await app.ApiClientAsync(DemoUsers.ActNorthWest);
        var taken = await PostAsync(officer, $"/api/v1/act/reports/{id}/take", new { });
        var check = taken.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("what").GetString() == "vehicle DM24 ACT");
        Assert.Empty(check.GetProperty("subjects").EnumerateArray());
        var masked = check.GetProperty("masked").GetString()!;
        Assert.Contains("London", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("subjects/", masked, StringComparison.Ordinal);
        // London's own triage officer would see the person; here nobody's name or id crosses.
        var londonSubject = await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Subject>().Where(s => s.Vehicles.Any(v => v.Registration == "DM24ACT")).Select(s => s.Surname).SingleAsync());
        Assert.DoesNotContain(londonSubject, taken.GetRawText(), StringComparison.Ordinal);

        var asked = await PostAsync(officer, $"/api/v1/act/reports/{id}/questions", new { question = "What colour was the car?" });
        Assert.Equal("AwaitingReporter", asked.GetProperty("state").GetString());
        using var reporter = Public(app);
        var view = await PostAsync(reporter, "/api/v1/act/follow-up", new { reference, code });
        Assert.True(view.GetProperty("questionWaiting").GetBoolean());
        Assert.Equal("What colour was the car?", view.GetProperty("conversation")[0].GetProperty("text").GetString());
        await PostAsync(reporter, "/api/v1/act/follow-up", new { reference, code, information = "It was dark blue." });
        var back = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/act/reports/{id}");
        Assert.Equal("InProgress", back.GetProperty("state").GetString());
        Assert.Equal("It was dark blue.", back.GetProperty("messages")[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task FromContactToCourt_IntelligenceThenInvestigation_TheSioIsTold_AndTheCaseFileCarriesItWithoutTheReporter()
    {
        var surname = "Quillfeather" + Guid.NewGuid().ToString("N")[..6];
        var (id, reference, _) = await ReportAsync(Report("Fictional: a man photographed the stewards' gate.", people: [new { name = $"Orrin {surname}", description = "tall" }],
            contact: new { name = "Fictional Witness", phone = "07700 900 321" }));
        using var officer = await app.ApiClientAsync(DemoUsers.ActNorthWest);
        await PostAsync(officer, $"/api/v1/act/reports/{id}/take", new { });
        var made = await PostAsync(officer, $"/api/v1/act/reports/{id}/intelligence", new
        {
            text = $"From ACT {reference}: a man photographed the stewards' gate.", source = "2", assessment = "C", handling = "P", reason = "Hostile reconnaissance of a crowded place.",
        });
        Assert.Equal("Done", made.GetProperty("state").GetString());
        Assert.Equal("IntelligenceReport", made.GetProperty("outcome").GetString());
        var irId = made.GetProperty("intelligenceReport").GetProperty("id").GetGuid();
        using var intelligence = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        var entities = await intelligence.GetFromJsonAsync<JsonElement>($"/api/v1/intelligence/reports/{irId}/entities");
        Assert.True(entities.GetArrayLength() > 0, made.GetRawText());
        Assert.Contains(entities.EnumerateArray(), e => e.GetProperty("value").GetString() == $"Orrin {surname}" && e.GetProperty("link").GetString() == "NewSubject");

        // The intelligence report then joins an investigation, and both records show the path.
        var linked = await PostAsync(officer, $"/api/v1/act/reports/{id}/investigation", new { operationName = "Operation TAMARISK", reason = "The person is a suspect in TAMARISK." });
        Assert.Equal("IntelligenceReport", linked.GetProperty("outcome").GetString());
        Assert.Equal("Operation TAMARISK", linked.GetProperty("investigation").GetProperty("title").GetString());
        // Read by the triage officer, who is on TAMARISK's team (a reader who may not see the investigation is not shown the link).
        var ir = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/intelligence/reports/{irId}");
        Assert.Contains(ir.GetProperty("investigations").EnumerateArray(), l => l.GetProperty("operationName").GetString() == "Operation TAMARISK");
        Assert.Contains(reference, ir.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("07700 900 321", ir.GetRawText(), StringComparison.Ordinal);
        // Once linked, it is not linked again.
        await PostAsync(officer, $"/api/v1/act/reports/{id}/investigation", new { operationName = "Operation TAMARISK", reason = "Again." }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task LinkedToAnInvestigation_ItIsInTheSequenceOfEventsAndTheCaseFile_WithAHash_WithoutTheReportersDetails()
    {
        var (id, reference, _) = await ReportAsync(Report("Fictional: someone filmed the arena's ticket office.", "M3 1AR", contact: new { name = "Fictional Witness", phone = "07700 900 654" }));
        using var officer = await app.ApiClientAsync(DemoUsers.ActNorthWest);
        await PostAsync(officer, $"/api/v1/act/reports/{id}/take", new { });
        var unknown = await PostAsync(officer, $"/api/v1/act/reports/{id}/investigation", new { operationName = "Operation MARLIN", reason = "Fictional." }, HttpStatusCode.BadRequest);
        Assert.Contains("that you may see", unknown.GetProperty("errors").GetProperty("OperationName")[0].GetString(), StringComparison.Ordinal);
        var linked = await PostAsync(officer, $"/api/v1/act/reports/{id}/investigation", new { operationName = "operation tamarisk", reason = "The ticket office is on TAMARISK's list of targets." });
        Assert.Equal("Investigation", linked.GetProperty("outcome").GetString());
        var investigation = linked.GetProperty("investigation").GetProperty("id").GetGuid();

        var sio = await app.AsSystemAsync(db => db.Users.Where(u => u.Email == DemoUsers.SioNorthWest).Select(u => u.Id).SingleAsync());
        Assert.True(await app.AsSystemAsync(db => db.Set<Vigil.Web.Platform.Inbox.InboxItem>().AnyAsync(i => i.ForUserId == sio && i.RecordId == id.ToString())));

        using var sioApi = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        var events = await sioApi.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{investigation}/timeline");
        Assert.Contains(reference, events.GetRawText(), StringComparison.Ordinal);
        var bundle = await sioApi.PostAsJsonAsync($"/api/v1/investigations/{investigation}/cps-bundle", new { statements = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        using var zip = new ZipArchive(await bundle.Content.ReadAsStreamAsync());
        var entry = zip.GetEntry($"act/{reference}.txt")!;
        string text;
        using (var reader = new StreamReader(entry.Open()))
        {
            text = await reader.ReadToEndAsync();
        }
        Assert.Contains("someone filmed the arena's ticket office", text, StringComparison.Ordinal);
        Assert.DoesNotContain("07700 900 654", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Fictional Witness", text, StringComparison.Ordinal);
        using var manifestReader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var manifest = JsonDocument.Parse(await manifestReader.ReadToEndAsync()).RootElement;
        var listed = manifest.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == $"act/{reference}.txt");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), listed.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Outcomes_NeedTheirReasons_LocalPolicingNamesAForce_AndBulkNoFurtherAction()
    {
        var (id, _, _) = await ReportAsync(Report("Fictional outcome test."));
        using var officer = await app.ApiClientAsync(DemoUsers.ActNorthWest);
        await PostAsync(officer, $"/api/v1/act/reports/{id}/outcome", new { outcome = "NoFurtherAction", reason = "Fine" }, HttpStatusCode.Conflict);
        await PostAsync(officer, $"/api/v1/act/reports/{id}/take", new { });
        var bad = await PostAsync(officer, $"/api/v1/act/reports/{id}/outcome", new { outcome = "LocalPolicing", force = "Atlantis", reason = "" }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("Force", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("Reason", out _));
        var done = await PostAsync(officer, $"/api/v1/act/reports/{id}/outcome", new { outcome = "LocalPolicing", force = "Merseyside", reason = "A neighbour dispute, not terrorism." });
        Assert.Equal("Merseyside", done.GetProperty("outcomeDetail").GetString());
        Assert.Contains(done.GetProperty("trail").EnumerateArray(), t => t.GetProperty("what").GetString()!.Contains("local policing", StringComparison.Ordinal));

        var (a, _, _) = await ReportAsync(Report("Fictional bulk one."));
        var (b, _, _) = await ReportAsync(Report("Fictional bulk two."));
        var (london, _, _) = await ReportAsync(Report("Fictional bulk London.", "SW1A 1AA"));
        var bulk = await PostAsync(officer, "/api/v1/act/reports/bulk", new { reports = new[] { a, b, london }, action = "NoFurtherAction", reason = "Duplicates of a report already triaged." });
        Assert.True(bulk.GetProperty("done").GetInt32() == 2, bulk.GetRawText());
        Assert.Single(bulk.GetProperty("notDone").EnumerateArray());
        Assert.Equal(2, await app.AsSystemAsync(db => db.Set<ActReport>().CountAsync(r => (r.Id == a || r.Id == b) && r.Outcome == ActOutcome.NoFurtherAction)));
        Assert.Null(await app.AsSystemAsync(db => db.Set<ActReport>().Where(r => r.Id == london).Select(r => r.Outcome).SingleAsync()));
    }

    [Fact]
    public async Task Statistics_AUnitSeesItsOwnLive_TheNetworkOnlyFinishedWeeksSuppressed()
    {
        await ReportAsync(Report("Fictional statistics test."));
        using var officer = await app.ApiClientAsync(DemoUsers.ActNorthWest);
        var own = await officer.GetFromJsonAsync<JsonElement>("/api/v1/act/statistics?weeks=4");
        Assert.Equal("Unit", own.GetProperty("scope").GetString());
        var units = own.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "unit").GetProperty("rows");
        Assert.Equal(["North West"], units.EnumerateArray().Select(r => r.GetProperty("label").GetString()));
        var ownTotal = own.GetProperty("total").GetInt32();
        Assert.True(ownTotal >= 1);
        // Live: one more report now counts at once for the unit.
        await ReportAsync(Report("Fictional statistics test, second."));
        Assert.Equal(ownTotal + 1, (await officer.GetFromJsonAsync<JsonElement>("/api/v1/act/statistics?weeks=4")).GetProperty("total").GetInt32());

        using var coordinator = await app.ApiClientAsync(DemoUsers.CoordinatorNoc);
        var national = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/act/statistics?weeks=4");
        Assert.Equal("National", national.GetProperty("scope").GetString());
        Assert.True(national.GetProperty("suppressed").GetBoolean());
        // It ends before this week, so a report sent now cannot move it.
        var before = national.GetRawText();
        await ReportAsync(Report("Fictional statistics test, third."));
        Assert.Equal(before, (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/act/statistics?weeks=4")).GetRawText());
        foreach (var row in national.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("rows").EnumerateArray()))
        {
            Assert.True(row.GetProperty("suppressed").GetBoolean() || row.GetProperty("count").GetInt32() is 0 or > 4);
        }
        using var investigator = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        Assert.Equal(HttpStatusCode.Forbidden, (await investigator.GetAsync("/api/v1/act/statistics")).StatusCode);
        var page = await app.SignInAsync(DemoUsers.ActNorthWest);
        var csv = await page.Http.GetAsync("/act/statistics.csv?weeks=4");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Reports by week", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await page.Http.GetAsync("/act/statistics.xlsx?weeks=4")).StatusCode);
    }

    [Fact]
    public async Task TriagePage_ShowsTheReport_AndTakingItThroughTheFormRedirectsWithABanner()
    {
        var (id, reference, _) = await ReportAsync(Report("Fictional page test.", contact: new { name = "Fictional Page Witness" }));
        var page = await app.SignInAsync(DemoUsers.ActNorthWest);
        var (_, queue) = await page.GetAsync("/act/triage");
        Assert.Contains(reference, queue.QuerySelector("[data-testid=act-queue]")!.TextContent, StringComparison.Ordinal);
        var taken = await page.SubmitAsync($"/act/triage/{id}", "take", new());
        Assert.Equal($"/act/triage/{id}?done=take", PageClient.PathOf(taken));
        var (_, shown) = await page.GetAsync($"/act/triage/{id}?done=take");
        Assert.NotNull(shown.QuerySelector("[data-testid=done]"));
        Assert.Equal("Fictional Page Witness", shown.QuerySelector("[data-testid=act-contact]")!.TextContent);
        // Another unit's officer gets the not-found page.
        var london = await app.SignInAsync(DemoUsers.ActLondon);
        var (response, other) = await london.GetAsync($"/act/triage/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(other.QuerySelector("[data-testid=act-heading]"));
    }
}
