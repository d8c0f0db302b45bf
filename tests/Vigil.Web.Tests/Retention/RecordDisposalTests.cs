using System.Text.Json;
using Vigil.Web.Intelligence;
using Vigil.Web.Platform.Retention;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Security;
using Vigil.Web.Prevent;
using Vigil.Web.Pursue;
using Vigil.Web.Reporting;
using Vigil.Web.Retention;
using Vigil.Web.Subjects;
using static Vigil.Web.Tests.Reporting.ActIntakeTests;
using static Vigil.Web.Tests.Retention.DisposalTestKit;

namespace Vigil.Web.Tests.Retention;

/// <summary>Disposal of the other record types that hold personal data, each planned across the modules: an intelligence
/// report (with its source details and what it names) and the ACT report it came from (with the reporter's contact
/// details), a closed investigation (with its incident room; the people stay), a Prevent case after exit (then the person
/// may be). After each, no row in any table of the model refers to the record but its tombstone, its reviews and the audit
/// log; the ACT and Prevent statistics of its period are unchanged.</summary>
public sealed class RecordDisposalTests(VigilApp app) : IClassFixture<VigilApp>
{
    private Task<HttpClient> ReviewerAsync(params Guid[] groups) => DisposalTestKit.ReviewerAsync(app, "north-west", groups);

    private static async Task<JsonElement> ReviewAsync(HttpClient reviewer, string type, Guid id)
    {
        var queue = await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/queue?type={type}&pageSize=200"));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("recordId").GetGuid() == id);
        var review = await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/records/{type}/{id}"));
        Assert.True(review.GetProperty("disposable").GetBoolean(), review.GetRawText());
        return review;
    }

    private async Task DisposeAsync(HttpClient reviewer, string type, Guid id)
    {
        var done = await PostAsync(reviewer, $"/api/v1/retention/records/{type}/{id}/reviews", new { decision = "Dispose", yesTo = Array.Empty<int>() });
        Assert.Equal("Done", done.GetProperty("state").GetString());
        Assert.True(await app.AsSystemAsync(db => db.Set<DisposalTombstone>().AnyAsync(t => t.RecordId == id && t.RecordType == type)));
    }

    private Task NothingLeftAsync(Guid id) => DisposalTestKit.NothingLeftAsync(app, id);

    private Task MoveBackAsync<T>(Guid id, Action<T> change) where T : class => DisposalTestKit.MoveBackAsync(app, id, change);

    [Fact]
    public async Task AnIntelligenceReport_AndTheActReportItCameFrom_AreDisposedOf_WithTheSourceAndTheReporter_AndTheStatisticsStillCountIt()
    {
        // A member of the public reports, with their contact details; triage makes an intelligence report of it.
        using var citizen = Public(app);
        var receipt = await SendAsync(citizen, Report("Fictional: a man measured the stadium's service gate.", people: [new { name = "Fictional Ottoline Marchbanks-Grue", description = "tall" }],
            contact: new { name = "Fictional Witness Prudence", phone = "07700 900 777" }));
        var (reference, code) = (receipt.GetProperty("reference").GetString()!, receipt.GetProperty("followUpCode").GetString()!);
        var actId = await app.AsSystemAsync(db => db.Set<ActReport>().Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync());
        using var triage = await app.ApiClientAsync(DemoUsers.ActNorthWest);
        await PostAsync(triage, $"/api/v1/act/reports/{actId}/take", new { });
        var made = await PostAsync(triage, $"/api/v1/act/reports/{actId}/intelligence", new
        {
            text = $"From ACT {reference}: a man measured the stadium's service gate.", source = "2", assessment = "C", handling = "P", reason = "Hostile reconnaissance of a crowded place.",
        });
        var irId = made.GetProperty("intelligenceReport").GetProperty("id").GetGuid();
        await app.AsSystemAsync(async db =>
        {
            var report = await db.Set<IntelligenceReport>().IgnoreQueryFilters().SingleAsync(r => r.Id == irId);
            db.Add(new SourceDetails { ReportId = irId, SourceReference = "FICTIONAL-SRC-1", Handler = "Fictional handler", HowObtained = "Fictional.", OwningUnitId = report.OwningUnitId, Classification = report.Classification });
            await db.SaveChangesAsync();
        });
        var statistics = await Answers.OkAsync(await triage.GetAsync("/api/v1/act/statistics?weeks=4"));

        // Due: the intelligence report was reported eleven years ago, the ACT report's outcome decided seven years ago (its
        // arrival stays in this week, so the statistics' window still holds it).
        await MoveBackAsync<IntelligenceReport>(irId, r => r.ReportedAt = r.ReportedAt.AddYears(-11));
        await MoveBackAsync<ActReport>(actId, r => r.TriagedAt = r.TriagedAt!.Value.AddYears(-7));
        using var reviewer = await ReviewerAsync();

        var review = await ReviewAsync(reviewer, "intelligence-report", irId);
        Assert.Contains(Plan(review), w => w.Contains("its source details", StringComparison.Ordinal));
        Assert.Contains(Plan(review), w => w.StartsWith("The link from 1 ACT report", StringComparison.Ordinal));
        await DisposeAsync(reviewer, "intelligence-report", irId);
        await NothingLeftAsync(irId);
        using var intelligence = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        Assert.Equal(HttpStatusCode.NotFound, (await intelligence.GetAsync($"/api/v1/intelligence/reports/{irId}")).StatusCode);
        Assert.False(await app.AsSystemAsync(db => db.Set<SourceDetails>().IgnoreQueryFilters().AnyAsync(s => s.ReportId == irId)));
        // The ACT report keeps the reference it led to, without the link.
        var act = await app.AsSystemAsync(db => db.Set<ActReport>().IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == actId));
        Assert.Null(act.IntelligenceReportId);
        Assert.NotEmpty(act.IntelligenceReference);

        review = await ReviewAsync(reviewer, "act-report", actId);
        Assert.Contains(Plan(review), w => w.Contains("the reporter's contact details", StringComparison.Ordinal) && w.Contains("1 person", StringComparison.Ordinal));
        await DisposeAsync(reviewer, "act-report", actId);
        await NothingLeftAsync(actId);
        Assert.False(await app.AsSystemAsync(db => db.Set<ActReporterContact>().IgnoreQueryFilters().AnyAsync(c => c.ReportId == actId)));
        var hidden = await triage.GetAsync($"/api/v1/act/reports/{actId}");
        var missing = await triage.GetAsync($"/api/v1/act/reports/{Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await missing.Content.ReadAsStringAsync()), Problems.WithoutTrace(await hidden.Content.ReadAsStringAsync()));
        // The reporter's reference and code open nothing, as a wrong code does.
        var followUp = await citizen.PostAsJsonAsync("/api/v1/act/follow-up", new { reference, code });
        var wrong = await citizen.PostAsJsonAsync("/api/v1/act/follow-up", new { reference = "ACT-0000-0000-0000", code });
        Assert.Equal(wrong.StatusCode, followUp.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await wrong.Content.ReadAsStringAsync()), Problems.WithoutTrace(await followUp.Content.ReadAsStringAsync()));

        // The week it arrived still counts it, as it did.
        Assert.Equal(statistics.GetProperty("tables").GetRawText(), (await Answers.OkAsync(await triage.GetAsync("/api/v1/act/statistics?weeks=4"))).GetProperty("tables").GetRawText());
        Assert.Equal(statistics.GetProperty("total").GetInt32(), (await Answers.OkAsync(await triage.GetAsync("/api/v1/act/statistics?weeks=4"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AClosedInvestigation_IsDisposedOf_WithItsIncidentRoom_ThePeopleStay_AndWhileLiveItKeptItsIntelligence()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        var created = await PostAsync(sio, "/api/v1/investigations", new
        {
            operationName = "FICTIONAL LAPWING", summary = "Fictional.", lead = "PoliceOnly", threatType = "extreme-right-wing", activities = Array.Empty<string>(), risk = "Medium", classification = "Official",
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var northWest = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "north-west").Select(u => u.Id).SingleAsync());
        var person = await app.AsSystemAsync(db => db.Set<Subject>().IgnoreQueryFilters()
            .Where(s => s.OwningUnitId == northWest && s.MergedIntoId == null && s.Classification == Classification.Official && s.NeedToKnow.Count == 0).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Created, (await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/subjects", new { subjectId = person, role = "Associate" })).StatusCode);
        await PostAsync(sio, $"/api/v1/investigations/{id}/actions", new { title = "Fictional: trace the van", priority = "High" }, HttpStatusCode.Created);

        // An intelligence report linked to it, due for review: kept while the investigation is live.
        using var intelligence = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        var ir = await PostAsync(intelligence, "/api/v1/intelligence/reports", new
        {
            text = "Fictional: a van seen at the depot three nights running.", source = "2", assessment = "B", handling = "P", classification = "Official",
        }, HttpStatusCode.Created);
        var irId = ir.GetProperty("id").GetGuid();
        await MoveBackAsync<IntelligenceReport>(irId, r => r.Investigations.Add(new ReportInvestigationLink { InvestigationId = id, OperationName = "FICTIONAL LAPWING", LinkedAt = r.ReportedAt, LinkedBy = "Fictional" }));
        await MoveBackAsync<IntelligenceReport>(irId, r => r.ReportedAt = r.ReportedAt.AddYears(-11));
        var groupId = await app.AsSystemAsync(db => db.Set<Investigation>().IgnoreQueryFilters().Where(i => i.Id == id).Select(i => i.GroupId).SingleAsync());
        using var reviewer = await ReviewerAsync(groupId);
        var blocked = await ReviewAsync(reviewer, "intelligence-report", irId);
        Assert.True(blocked.GetProperty("blocked").GetBoolean());
        Assert.True(Plan(blocked).Any(w => w.StartsWith("Linked to Operation FICTIONAL LAPWING, a live investigation", StringComparison.Ordinal)), blocked.GetRawText());
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostAsJsonAsync($"/api/v1/retention/records/intelligence-report/{irId}/reviews", new { decision = "Dispose" })).StatusCode);

        // Its outcome recorded eleven years ago: due, and nothing blocks it.
        await MoveBackAsync<Investigation>(id, i => (i.Phase, i.Outcome, i.ClosedAt) = (Phase.Closed, "Fictional: no further action", app.Clock.GetUtcNow().AddYears(-11)));
        var review = await ReviewAsync(reviewer, "investigation", id);
        Assert.False(review.GetProperty("blocked").GetBoolean(), review.GetRawText());
        Assert.Contains(Plan(review), w => w.StartsWith("Operation FICTIONAL LAPWING is removed with 1 action", StringComparison.Ordinal));
        Assert.Contains(Plan(review), w => w.StartsWith("Its links to 1 person are removed", StringComparison.Ordinal));
        Assert.Contains(Plan(review), w => w.StartsWith("The link from 1 intelligence report", StringComparison.Ordinal));
        await DisposeAsync(reviewer, "investigation", id);

        await NothingLeftAsync(id);
        var hidden = await sio.GetAsync($"/api/v1/investigations/{id}");
        var missing = await sio.GetAsync($"/api/v1/investigations/{Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await missing.Content.ReadAsStringAsync()), Problems.WithoutTrace(await hidden.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<InvestigationAction>().IgnoreQueryFilters().CountAsync(a => a.InvestigationId == id)));
        // The person and the intelligence report stay, each reviewed on its own; the report no longer names the operation.
        Assert.True(await app.AsSystemAsync(db => db.Set<Subject>().IgnoreQueryFilters().AnyAsync(s => s.Id == person)));
        Assert.Empty(await app.AsSystemAsync(db => db.Set<IntelligenceReport>().IgnoreQueryFilters().AsNoTracking().Where(r => r.Id == irId).SelectMany(r => r.Investigations).ToListAsync()));
        Assert.False((await ReviewAsync(reviewer, "intelligence-report", irId)).GetProperty("blocked").GetBoolean());
    }

    [Fact]
    public async Task APreventCase_IsDisposedOf_TheStatisticsOfItsYearAreUnchanged_AndThenThePersonMayBe()
    {
        var northWest = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "north-west").Select(u => u.Id).SingleAsync());
        var team = await app.AsSystemAsync(db => db.Set<PreventTeam>().Where(t => t.UnitId == northWest).Select(t => t.GroupId).SingleAsync());
        // A North West case whose person has no other case and is in no investigation, closed, the exit seven years ago.
        var found = await app.AsSystemAsync(db => db.Set<PreventCase>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.OwningUnitId == northWest && c.Stage == PreventStage.Closed && c.ReferredAt < app.Clock.GetUtcNow().AddYears(-1)
                && !db.Set<PreventCase>().IgnoreQueryFilters().Any(o => o.SubjectId == c.SubjectId && o.Id != c.Id)
                && !db.Set<InvestigationSubject>().IgnoreQueryFilters().Any(l => l.SubjectId == c.SubjectId))
            .OrderBy(c => c.Id).FirstAsync());
        await MoveBackAsync<PreventCase>(found.Id, c => (c.ExitedOn, c.ClosedAt) = (DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddYears(-7), app.Clock.GetUtcNow().AddYears(-7)));
        var year = PreventStatistics.StatisticalYearOf(found.ReferredAt);
        using var officer = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        using var analyst = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var unitFigures = await Answers.OkAsync(await officer.GetAsync($"/api/v1/prevent/statistics?year={year}&scope=Unit"));
        var networkFigures = await Answers.OkAsync(await analyst.GetAsync($"/api/v1/prevent/statistics?year={year}&scope=National"));
        Assert.True(unitFigures.GetProperty("total").GetInt32() > 0);

        // A reviewer outside the Prevent team does not see the case at all: answered as a missing record.
        using var outsider = await ReviewerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/retention/records/prevent-case/{found.Id}")).StatusCode);
        using var reviewer = await ReviewerAsync(team);
        var person = await ReviewAsync(reviewer, "prevent-case", found.Id);
        Assert.Contains(Plan(person), w => w.StartsWith($"The case {found.Reference} is removed", StringComparison.Ordinal));
        await app.AsSystemAsync(async db =>
        {
            // The person's record is due too: blocked while the case exists.
            var subject = await db.Set<Subject>().IgnoreQueryFilters().SingleAsync(s => s.Id == found.SubjectId);
            subject.UpdatedAt = subject.UpdatedAt.AddYears(-11);
            await db.SaveChangesAsync();
        });
        var blocked = await ReviewAsync(reviewer, "subject", found.SubjectId);
        Assert.Contains(blocked.GetProperty("plan").EnumerateArray(), s => s.GetProperty("module").GetString() == "Prevent" && s.GetProperty("blocks").GetBoolean());

        await DisposeAsync(reviewer, "prevent-case", found.Id);
        await NothingLeftAsync(found.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/prevent/cases/{found.Id}")).StatusCode);
        Assert.False(await app.AsSystemAsync(db => db.Set<SearchEntry>().AnyAsync(e => e.RecordId == found.Id)));
        // The year's figures, the unit's and the network's, are exactly as they were.
        Assert.Equal(unitFigures.GetProperty("tables").GetRawText(), (await Answers.OkAsync(await officer.GetAsync($"/api/v1/prevent/statistics?year={year}&scope=Unit"))).GetProperty("tables").GetRawText());
        Assert.Equal(networkFigures.GetRawText(), (await Answers.OkAsync(await analyst.GetAsync($"/api/v1/prevent/statistics?year={year}&scope=National"))).GetRawText());

        // Now nothing in Prevent holds the person back.
        var free = await ReviewAsync(reviewer, "subject", found.SubjectId);
        Assert.DoesNotContain(free.GetProperty("plan").EnumerateArray(), s => s.GetProperty("module").GetString() == "Prevent");
    }
}
