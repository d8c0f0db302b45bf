using System.Text.Json;
using Vigil.Web.Platform.Audit;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Intelligence;

/// <summary>Graded intelligence reports: recording with only the grades, text and classification; refusals that
/// name the allowed values; source details for the source unit only; entities linked through deconfliction;
/// dissemination with handling conditions; export that records who took it; and the one search that finds a
/// SECRET report for its unit and tells another unit nothing, not even a count.</summary>
public sealed class IntelligenceTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static string Word(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonElement> RecordAsync(HttpClient api, object report, HttpStatusCode status = HttpStatusCode.Created)
    {
        var response = await api.PostAsJsonAsync("/api/v1/intelligence/reports", report);
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object Minimal(string text, string classification = "Official", string handling = "P", string? conditions = null, object[]? entities = null, object? source = null) =>
        new { text, source = "2", assessment = "B", handling, handlingConditions = conditions, classification, entities, sourceDetails = source };

    [Fact]
    public async Task Record_WithTextGradesAndClassificationOnly_IsCreated_WithItsGradeAndAReviewDate()
    {
        using var api = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var report = await RecordAsync(api, Minimal("A source reports that a fictional van was hired for cash."));
        Assert.Equal("2B P", report.GetProperty("grade").GetString());
        Assert.Matches("^IR-20[0-9]{2}-[0-9A-Z]{7}$", report.GetProperty("reference").GetString()!);
        Assert.Equal("New", report.GetProperty("state").GetString());
        Assert.True(report.GetProperty("reviewDue").GetDateTime() > DateTime.UtcNow.AddDays(300));
        var read = await api.GetFromJsonAsync<JsonElement>($"/api/v1/intelligence/reports/{report.GetProperty("id").GetGuid()}");
        Assert.Equal("2B P", read.GetProperty("grade").GetString());
    }

    [Fact]
    public async Task Record_GradingOutside3x5x2_IsRefused_NamingTheAllowedValues()
    {
        using var api = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var problem = await RecordAsync(api, new { text = "Fictional.", source = "4", assessment = "F", handling = "X", classification = "Official" }, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("1 (reliable), 2 (untested) or 3 (not reliable)", errors.GetProperty("Source")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("A, B, C, D or E", errors.GetProperty("Assessment")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("P (sharing permitted) or C", errors.GetProperty("Handling")[0].GetString(), StringComparison.Ordinal);

        var noConditions = await RecordAsync(api, Minimal("Fictional.", handling: "C"), HttpStatusCode.BadRequest);
        Assert.Contains("handling code C needs them", noConditions.GetProperty("errors").GetProperty("HandlingConditions")[0].GetString(), StringComparison.Ordinal);

        var legacy = await RecordAsync(api, new { text = "A legacy record, kept as graded.", legacy = "B24", classification = "Official" });
        Assert.Equal("B24 (5x5x5)", legacy.GetProperty("grade").GetString());
        Assert.Equal("AwaitingGradingReview", legacy.GetProperty("state").GetString());
        var badLegacy = await RecordAsync(api, new { text = "Fictional.", legacy = "Z99", classification = "Official" }, HttpStatusCode.BadRequest);
        Assert.Contains("like B24", badLegacy.GetProperty("errors").GetProperty("Legacy")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretLondonReport_IsFoundByLondon_AndInvisibleToNorthWest_InHitsTotalsAndFacets()
    {
        var word = Word("Corvidae");
        using var london = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var report = await RecordAsync(london, Minimal($"A source reports a meeting about {word} near a fictional depot.", classification: "Secret"));
        var id = report.GetProperty("id").GetGuid();

        var found = await london.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}");
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(id, found.GetProperty("hits")[0].GetProperty("id").GetGuid());
        Assert.Equal("intelligence-report", found.GetProperty("types")[0].GetProperty("value").GetString());
        Assert.Equal("2B", found.GetProperty("grades")[0].GetProperty("value").GetString());

        using var northWest = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        var nothing = await northWest.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}");
        Assert.Equal(0, nothing.GetProperty("total").GetInt32());
        Assert.Empty(nothing.GetProperty("hits").EnumerateArray());
        foreach (var facet in new[] { "types", "units", "years", "grades" })
        {
            Assert.Empty(nothing.GetProperty(facet).EnumerateArray());
        }
        // Narrowed to the very facet London sees, it is still nothing.
        var narrowed = await northWest.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}&type=intelligence-report&grade=2B");
        Assert.Equal(0, narrowed.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await northWest.GetAsync($"/api/v1/intelligence/reports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await northWest.GetAsync($"/api/v1/intelligence/reports/{Guid.NewGuid()}")).StatusCode);

        var page = await app.SignInAsync(DemoUsers.IntelligenceNorthWest);
        var (_, shown) = await page.GetAsync($"/search?q={word}");
        Assert.NotNull(shown.QuerySelector("[data-testid=search-none]"));
        Assert.Null(shown.QuerySelector("[data-testid=search-total]"));
        Assert.Null(shown.QuerySelector("[data-testid=search-facets]"));
    }

    [Fact]
    public async Task SourceDetails_AreReadOnlyByTheSourceUnit_NeverWithTheReport()
    {
        using var officer = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var report = await RecordAsync(officer, Minimal("A fictional source meeting.", source: new { sourceReference = "SRC-TEST-1", handler = "DC Fictional", howObtained = "Meeting" }));
        var id = report.GetProperty("id").GetGuid();
        Assert.Equal("SRC-TEST-1", report.GetProperty("sourceDetails").GetProperty("sourceReference").GetString());

        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var read = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/intelligence/reports/{id}");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("sourceDetails").ValueKind);
        Assert.Equal("A fictional source meeting.", read.GetProperty("text").GetString());

        // Someone outside the source unit cannot record them either.
        var refused = await RecordAsync(sio, Minimal("Fictional.", source: new { sourceReference = "SRC-TEST-2" }), HttpStatusCode.BadRequest);
        Assert.Contains("source unit", refused.GetProperty("errors").GetProperty("SourceDetails.SourceReference")[0].GetString(), StringComparison.Ordinal);
        var audit = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.RecordType == "source-details" && e.RecordId == id.ToString()).Select(e => e.UserName).ToListAsync());
        Assert.Contains(DemoUsers.IntelligenceLondon, audit);
        Assert.DoesNotContain(DemoUsers.SioLondon, audit);
    }

    [Fact]
    public async Task NamedEntities_AreLinkedThroughDeconfliction_ANewPersonBecomesASubject()
    {
        var surname = Word("Quennell");
        using var officer = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var phone = $"07700 900{Random.Shared.Next(100, 999)}";
        var holder = await officer.PostAsJsonAsync("/api/v1/subjects", new
        {
            givenName = "Marisol", surname = Word("Holder"), classification = "Official", acknowledgedCandidates = true,
            contacts = new[] { new { kind = "Phone", value = phone } },
        });
        var holderId = (await holder.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var report = await RecordAsync(officer, Minimal("A fictional person was seen with a phone.", classification: "Secret", entities:
        [
            new { kind = "Person", givenName = "Theodora", surname },
            new { kind = "Phone", value = phone.Replace(" ", "-", StringComparison.Ordinal) },
            new { kind = "OnlineHandle", value = "@fictional_handle" },
        ]));
        var entities = report.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(3, entities.Count);
        var person = entities.Single(e => e.GetProperty("kind").GetString() == "Person");
        Assert.Equal("NewSubject", person.GetProperty("link").GetString());
        Assert.StartsWith(report.GetProperty("reference").GetString()!, person.GetProperty("provenance").GetString()!, StringComparison.Ordinal);
        var subject = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{person.GetProperty("subjectId").GetGuid()}?purpose=test");
        Assert.Equal("Secret", subject.GetProperty("classification").GetString());
        Assert.Equal(holderId, entities.Single(e => e.GetProperty("kind").GetString() == "Phone").GetProperty("subjectId").GetGuid());
        Assert.Equal("Unlinked", entities.Single(e => e.GetProperty("kind").GetString() == "OnlineHandle").GetProperty("link").GetString());
        // The report is found by the phone it names, however it is written.
        var byPhone = await officer.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString(phone.Replace(" ", "", StringComparison.Ordinal)) + "&type=intelligence-report");
        Assert.Contains(byPhone.GetProperty("hits").EnumerateArray(), h => h.GetProperty("id").GetGuid() == report.GetProperty("id").GetGuid());

        // The report shows on the subject's timeline for someone who may see both.
        var timeline = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{holderId}/timeline");
        Assert.Contains(timeline.EnumerateArray(), f => f.GetProperty("title").GetString()!.Contains(report.GetProperty("reference").GetString()!, StringComparison.Ordinal));
        var page = await app.SignInAsync(DemoUsers.IntelligenceLondon);
        var (_, shown) = await page.GetAsync($"/subjects/{holderId}/timeline");
        Assert.Contains(shown.QuerySelectorAll("[data-testid=timeline-item]"), row => row.TextContent.Contains(report.GetProperty("reference").GetString()!, StringComparison.Ordinal));
        // Another unit may not see the person: the timeline answers as for nobody.
        using var northWest = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        Assert.Equal(HttpStatusCode.NotFound, (await northWest.GetAsync($"/api/v1/subjects/{holderId}/timeline")).StatusCode);
    }

    [Fact]
    public async Task LinkedToAnInvestigation_TheReportJoinsItsSequenceOfEvents()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var operation = await OpenAsync(sio, UniqueOperation("INTELLINK"));
        var report = await RecordAsync(sio, Minimal("A fictional lead for the operation."));
        var id = report.GetProperty("id").GetGuid();
        var linked = await PostAsync(sio, $"/api/v1/intelligence/reports/{id}/investigations", new { operationName = operation.GetProperty("operationName").GetString()!["Operation ".Length..] });
        Assert.Single(linked.GetProperty("investigations").EnumerateArray());
        var timeline = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{operation.GetProperty("id").GetGuid()}/timeline");
        Assert.Contains(timeline.EnumerateArray(), t => t.GetProperty("kind").GetString() == "intelligence" && t.GetProperty("title").GetString()!.Contains(report.GetProperty("reference").GetString()!, StringComparison.Ordinal));

        // An investigation the user may not see answers as one that does not exist.
        using var northWest = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        var theirs = await RecordAsync(northWest, Minimal("Fictional."));
        var refused = await northWest.PostAsJsonAsync($"/api/v1/intelligence/reports/{theirs.GetProperty("id").GetGuid()}/investigations", new { investigationId = operation.GetProperty("id").GetGuid() });
        var missing = await northWest.PostAsJsonAsync($"/api/v1/intelligence/reports/{theirs.GetProperty("id").GetGuid()}/investigations", new { investigationId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await missing.Content.ReadAsStringAsync()), Problems.WithoutTrace(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task HandlingCodeC_SharedWithAUnit_IsWithheldUntilAcknowledged_AndTheSenderSeesTheAcknowledgement()
    {
        var word = Word("Lapwing");
        using var london = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var report = await RecordAsync(london, Minimal($"A fictional {word} meeting.", handling: "C", conditions: "Not for onward sharing."));
        var id = report.GetProperty("id").GetGuid();
        var early = await london.PostAsJsonAsync($"/api/v1/intelligence/reports/{id}/disseminations", new { toUnit = "north-west", purpose = "They hold the person." });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await PostAsync(london, $"/api/v1/intelligence/reports/{id}/grading/accept", new { });
        await PostAsync(london, $"/api/v1/intelligence/reports/{id}/disseminations", new { toUnit = "north-west", purpose = "They hold the person." }, HttpStatusCode.Created);

        using var northWest = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        var queue = await northWest.GetFromJsonAsync<JsonElement>("/api/v1/intelligence/reports?queue=New");
        var copy = queue.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("withheld").GetBoolean() && r.GetProperty("grade").GetString() == "2B C"
            && !r.GetProperty("extract").GetString()!.Contains(word, StringComparison.Ordinal) && r.GetProperty("reportedAt").GetDateTimeOffset() >= report.GetProperty("reportedAt").GetDateTimeOffset());
        var copyId = copy.GetProperty("id").GetGuid();
        var withheld = await northWest.GetFromJsonAsync<JsonElement>($"/api/v1/intelligence/reports/{copyId}");
        Assert.Equal("", withheld.GetProperty("text").GetString());
        Assert.Equal("Not for onward sharing.", withheld.GetProperty("handlingConditions").GetString());
        Assert.Equal(0, (await northWest.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await northWest.GetAsync($"/api/v1/intelligence/reports/{copyId}/export")).StatusCode);

        var open = await PostAsync(northWest, $"/api/v1/intelligence/reports/{copyId}/acknowledgement", new { });
        Assert.Contains(word, open.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await northWest.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}")).GetProperty("total").GetInt32());
        var sent = await london.GetFromJsonAsync<JsonElement>($"/api/v1/intelligence/reports/{id}/disseminations");
        Assert.Equal("DC Pavel Okafor-Lund", sent[0].GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task Export_OfHandlingCodeC_PrintsTheConditionsWithTheText_AndRecordsWhoTookIt()
    {
        using var api = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var report = await RecordAsync(api, Minimal("A fictional report to export.", handling: "C", conditions: "Only to named CTP officers."));
        var id = report.GetProperty("id").GetGuid();
        var text = await api.GetStringAsync($"/api/v1/intelligence/reports/{id}/export");
        Assert.StartsWith("OFFICIAL", text, StringComparison.Ordinal);
        Assert.Contains("HANDLING CODE C", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("Only to named CTP officers.").Length - 1);
        Assert.Contains("Taken by DS Ines Vantongeren", text, StringComparison.Ordinal);
        var release = await app.AsSystemAsync(db => db.Set<Web.Intelligence.ReportRelease>().IgnoreQueryFilters().Where(r => r.ReportId == id).ToListAsync());
        Assert.Equal("DS Ines Vantongeren", Assert.Single(release).By);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Export && e.RecordId == id.ToString() && e.UserName == DemoUsers.IntelligenceLondon)));

        var officer = await app.SignInAsync(DemoUsers.IntelligenceLondon);
        var (_, print) = await officer.GetAsync($"/intelligence/reports/{id}/print");
        Assert.Contains("Only to named CTP officers.", print.QuerySelector("[data-testid=print-conditions]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await app.AsSystemAsync(db => db.Set<Web.Intelligence.ReportRelease>().IgnoreQueryFilters().CountAsync(r => r.ReportId == id)));
    }

    [Fact]
    public async Task Desk_AcceptsRegradesAndReviews_OthersMayNot()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var report = await RecordAsync(sio, new { text = "Fictional.", source = "3", assessment = "E", handling = "P", classification = "Official", forGradingReview = true });
        var id = report.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.PostAsJsonAsync($"/api/v1/intelligence/reports/{id}/grading/accept", new { })).StatusCode);

        using var desk = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var queue = await desk.GetFromJsonAsync<JsonElement>("/api/v1/intelligence/reports?queue=AwaitingGradingReview&pageSize=200");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        var regraded = await PostAsync(desk, $"/api/v1/intelligence/reports/{id}/grading", new { source = "2", assessment = "C", handling = "P", reason = "Corroborated by a second source." });
        Assert.Equal("2C P", regraded.GetProperty("grade").GetString());
        Assert.Equal("Accepted", regraded.GetProperty("state").GetString());
        var stale = await desk.PostAsJsonAsync($"/api/v1/intelligence/reports/{id}/reviews", new { nextReview = "2030-01-01", version = report.GetProperty("version").GetGuid() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var reviewed = await PostAsync(desk, $"/api/v1/intelligence/reports/{id}/reviews", new { nextReview = "2030-01-01", version = regraded.GetProperty("version").GetGuid() });
        Assert.Equal("2030-01-01", reviewed.GetProperty("reviewDue").GetString());
    }
}
