using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Vigil.Web.Intelligence;
using Vigil.Web.Platform.Retention;
using Vigil.Web.Platform.Security;
using Vigil.Web.Pursue;
using Vigil.Web.Reporting;
using static Vigil.Web.Tests.Retention.DisposalTestKit;

namespace Vigil.Web.Tests.Retention;

/// <summary>What a security review of disposal found and what now holds: what a disposal leaves behind (an exhibit's
/// file, notices quoting an ACT report), and what a disposal's plan tells a reviewer of things they may not see.</summary>
public sealed class DisposalReviewTests(VigilApp app) : IClassFixture<VigilApp>
{
    private Task<HttpClient> ReviewerAsync(params Guid[] groups) => DisposalTestKit.ReviewerAsync(app, "north-west", groups);

    private Task<HttpClient> ReviewerOfAsync(string unit, params Guid[] groups) => DisposalTestKit.ReviewerAsync(app, unit, groups);

    private Task MoveBackAsync<T>(Guid id, Action<T> change) where T : class => DisposalTestKit.MoveBackAsync(app, id, change);

    private async Task<(Guid Id, Guid Group)> ClosedInvestigationAsync(HttpClient sio, string name)
    {
        var created = await PostAsync(sio, "/api/v1/investigations", new
        {
            operationName = $"{name} {Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}", summary = "Fictional.", lead = "PoliceOnly", threatType = "extreme-right-wing",
            activities = Array.Empty<string>(), risk = "Medium", classification = "Official",
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var group = await app.AsSystemAsync(db => db.Set<Investigation>().IgnoreQueryFilters().Where(i => i.Id == id).Select(i => i.GroupId).SingleAsync());
        return (id, group);
    }

    private Task CloseLongAgoAsync(Guid id) =>
        MoveBackAsync<Investigation>(id, i => (i.Phase, i.Outcome, i.ClosedAt) = (Phase.Closed, "Fictional: no further action", app.Clock.GetUtcNow().AddYears(-11)));

    /// <summary>FINDING 1 (high): a digital exhibit's file is stored outside the database (the exhibits folder); disposing of
    /// the investigation removes the exhibit's row but leaves the file (a CCTV still, a seized notebook's scan) on disk.</summary>
    [Fact]
    public async Task DisposingOfAnInvestigation_RemovesItsExhibitFiles()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        var (id, group) = await ClosedInvestigationAsync(sio, "FICTIONAL REDSHANK");
        var exhibit = await PostAsync(sio, $"/api/v1/investigations/{id}/exhibits", new
        {
            reference = "FR/1", description = "Fictional notebook", seizedBy = "DS Fictional", seizedFrom = "Fictional address", seizedAt = app.Clock.GetUtcNow().AddHours(-1),
        }, HttpStatusCode.Created);
        var exhibitId = exhibit.GetProperty("id").GetGuid();
        using (var form = new MultipartFormDataContent { { new ByteArrayContent("Fictional: Ottoline Marchbanks-Grue, 07700 900 123"u8.ToArray()), "file", "notes.txt" } })
        {
            Assert.Equal(HttpStatusCode.OK, (await sio.PutAsync($"/api/v1/investigations/{id}/exhibits/{exhibitId}/file", form)).StatusCode);
        }
        var storedAs = await app.AsSystemAsync(db => db.Set<Exhibit>().IgnoreQueryFilters().Where(e => e.Id == exhibitId).Select(e => e.StoredAs).SingleAsync());
        var path = Path.Combine(app.Services.GetRequiredService<ExhibitStorageOptions>().Folder, storedAs!);
        Assert.True(File.Exists(path));

        await CloseLongAgoAsync(id);
        using var reviewer = await ReviewerAsync(group);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/api/v1/retention/records/investigation/{id}")).StatusCode);
        var done = await PostAsync(reviewer, $"/api/v1/retention/records/investigation/{id}/reviews", new { decision = "Dispose", yesTo = Array.Empty<int>() });
        Assert.Equal("Done", done.GetProperty("state").GetString());
        Assert.False(await app.AsSystemAsync(db => db.Set<Exhibit>().IgnoreQueryFilters().AnyAsync(e => e.Id == exhibitId)));

        Assert.False(File.Exists(path), $"The exhibit's file is still on disk after the disposal: {path}");
    }

    /// <summary>FINDING 2 (medium): source details are readable only by the unit's source unit (the report's page never
    /// says whether there are any). A records review officer outside the source unit reads from the disposal's plan that
    /// this report has source details, i.e. that it came from a covert source.</summary>
    [Fact]
    public async Task APlan_DoesNotTellAReviewerOutsideTheSourceUnit_ThatAReportHasSourceDetails()
    {
        using var intelligence = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        async Task<Guid> ReportAsync(string text)
        {
            var made = await PostAsync(intelligence, "/api/v1/intelligence/reports", new { text, source = "2", assessment = "B", handling = "P", classification = "Official" }, HttpStatusCode.Created);
            var id = made.GetProperty("id").GetGuid();
            await MoveBackAsync<IntelligenceReport>(id, r => r.ReportedAt = r.ReportedAt.AddYears(-11));
            return id;
        }
        var withSource = await ReportAsync("Fictional: a van at the depot, from a source.");
        var without = await ReportAsync("Fictional: a van at the depot, seen by a patrol.");
        await app.AsSystemAsync(async db =>
        {
            var report = await db.Set<IntelligenceReport>().IgnoreQueryFilters().SingleAsync(r => r.Id == withSource);
            var sourceUnit = await IntelligenceModule.SourceUnitGroupAsync(db, report.OwningUnitId, CancellationToken.None);
            db.Add(new SourceDetails
            {
                ReportId = withSource, SourceReference = "FICTIONAL-CHIS-7", Handler = "Fictional handler", HowObtained = "Fictional.",
                OwningUnitId = report.OwningUnitId, Classification = report.Classification, NeedToKnow = [new RecordGroup { GroupId = sourceUnit!.Value }],
            });
            await db.SaveChangesAsync();
        });

        using var reviewer = await ReviewerAsync();
        var a = Plan(await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/records/intelligence-report/{withSource}")));
        var b = Plan(await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/records/intelligence-report/{without}")));
        // The two plans differ only by the reports' references.
        static string Words(List<string> plan) => string.Join(" | ", plan.Select(w => System.Text.RegularExpressions.Regex.Replace(w, @"IR-[0-9A-Z-]+", "REF")));
        Assert.Equal(Words(b), Words(a));
    }

    /// <summary>FINDING 3 (medium): the plan of an investigation counts the intelligence and ACT reports linked to it past
    /// the access filter ("The link from 1 intelligence report to it is removed"), though the investigation's own page
    /// lists only those the reader may see: a reviewer learns that hidden reports (another unit's, a group's) point at it.</summary>
    [Fact]
    public async Task APlan_DoesNotCountLinkedReportsTheReviewerMayNotSee()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        var (id, group) = await ClosedInvestigationAsync(sio, "FICTIONAL DUNLIN");
        // A London intelligence report and a London ACT report, which no North West reviewer may see, linked to it.
        var london = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "london").Select(u => u.Id).SingleAsync());
        var hiddenReport = await app.AsSystemAsync(db => db.Set<IntelligenceReport>().IgnoreQueryFilters().Where(r => r.OwningUnitId == london).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        await MoveBackAsync<IntelligenceReport>(hiddenReport, r => r.Investigations.Add(new ReportInvestigationLink { InvestigationId = id, OperationName = "Fictional", LinkedAt = r.ReportedAt, LinkedBy = "Fictional" }));
        var hiddenAct = await app.AsSystemAsync(db => db.Set<ActReport>().IgnoreQueryFilters().Where(r => r.OwningUnitId == london && r.InvestigationId == null).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        await MoveBackAsync<ActReport>(hiddenAct, r => r.InvestigationId = id);
        await CloseLongAgoAsync(id);

        using var reviewer = await ReviewerAsync(group);
        var plan = Plan(await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/records/investigation/{id}")));
        Assert.DoesNotContain(plan, w => w.StartsWith("The link from 1 intelligence report", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, w => w.StartsWith("The link from 1 ACT report", StringComparison.Ordinal));
    }

    private Task<List<string>> LeftBehindAsync(Guid id) => DisposalTestKit.LeftBehindAsync(app, id);

    /// <summary>Probe: the demo's closed investigations, with a full incident room (lines of enquiry, actions, policy file,
    /// exhibits, statements, disclosure, ELG meetings), OFFICIAL by one reviewer and SECRET by two.</summary>
    [Theory]
    [InlineData("Operation CINDER")]
    [InlineData("Operation TOPAZ")]
    public async Task ADemoInvestigation_IsDisposedOfWhole(string operation)
    {
        var found = await app.AsSystemAsync(db => db.Set<Investigation>().IgnoreQueryFilters().AsNoTracking().SingleAsync(i => i.OperationName == operation));
        var words = await app.AsSystemAsync(async db => string.Join(", ",
            $"actions {await db.Set<InvestigationAction>().IgnoreQueryFilters().CountAsync(a => a.InvestigationId == found.Id)}",
            $"with a line {await db.Set<InvestigationAction>().IgnoreQueryFilters().CountAsync(a => a.InvestigationId == found.Id && a.LineOfEnquiryId != null)}",
            $"exhibits {await db.Set<Exhibit>().IgnoreQueryFilters().CountAsync(a => a.InvestigationId == found.Id)}"));
        await MoveBackAsync<Investigation>(found.Id, i => i.ClosedAt = app.Clock.GetUtcNow().AddYears(-11));
        using var first = await ReviewerAsync(found.GroupId);
        using var second = await ReviewerAsync(found.GroupId);
        var review = await Answers.OkAsync(await first.GetAsync($"/api/v1/retention/records/investigation/{found.Id}"));
        Assert.False(review.GetProperty("blocked").GetBoolean(), review.GetRawText());
        var response = await first.PostAsJsonAsync($"/api/v1/retention/records/investigation/{found.Id}/reviews", new { decision = "Dispose", yesTo = Array.Empty<int>() });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{words}: {response.StatusCode} {body}");
        var outcome = JsonDocument.Parse(body).RootElement;
        if (outcome.GetProperty("state").GetString() == "AwaitingSecond")
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await first.PostAsJsonAsync($"/api/v1/retention/reviews/{outcome.GetProperty("reviewId").GetGuid()}/confirm", new { })).StatusCode);
            response = await second.PostAsJsonAsync($"/api/v1/retention/reviews/{outcome.GetProperty("reviewId").GetGuid()}/confirm", new { });
            body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{words}: {response.StatusCode} {body}");
        }
        var left = await LeftBehindAsync(found.Id);
        Assert.True(left.Count == 0, words + ": " + string.Join(", ", left));
    }

    /// <summary>FINDING 4 (medium): the reporter's contact details are a record of their own under the unit's "ACT contact
    /// details" group (the report's page shows a reader outside it nothing, not even that there are any); the plan tells
    /// any reviewer whether the reporter left them. FINDING 5 (low): the notices Protect's advisers were sent about the
    /// report ("The report is ACT-..., hostile reconnaissance near ...") are filed under the site, so the inbox's part does
    /// not remove them and they go on quoting the disposed report's reference, what was seen, where and when.</summary>
    [Fact]
    public async Task AnActReport_PlanAndDisposal_KeepTheReportersContactHidden_AndLeaveNoNoticeQuotingIt()
    {
        using var ctsa = await app.ApiClientAsync(DemoUsers.CtsaLondon);
        await Answers.OkAsync(await ctsa.PostAsJsonAsync("/api/v1/protect/sites", new
        {
            name = "Fictional Retention Arena", address = "3 Fictional Road, London", postcode = "N7 7AJ", sector = "stadia-arenas", kind = "Premises", capacity = 20000,
        }));
        using var citizen = Vigil.Web.Tests.Reporting.ActIntakeTests.Public(app);
        async Task<(Guid Id, string Reference)> SendAsync(object? contact)
        {
            var receipt = await Vigil.Web.Tests.Reporting.ActIntakeTests.SendAsync(citizen, Vigil.Web.Tests.Reporting.ActIntakeTests.Report(
                "Fictional: someone paced out the arena's service gate.", postcode: "N7 6PA", contact: contact));
            var reference = receipt.GetProperty("reference").GetString()!;
            var id = await app.AsSystemAsync(db => db.Set<ActReport>().IgnoreQueryFilters().Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync());
            return (id, reference);
        }
        var told = await SendAsync(new { name = "Fictional Witness Perpetua", phone = "07700 900 778" });
        var anonymous = await SendAsync(null);
        var processor = app.Services.GetRequiredService<ActProcessor>();
        while (await processor.ProcessPendingAsync(CancellationToken.None) > 0)
        {
        }
        foreach (var id in new[] { told.Id, anonymous.Id })
        {
            await MoveBackAsync<ActReport>(id, r => (r.TriagedAt, r.Outcome) = (app.Clock.GetUtcNow().AddYears(-7), ActOutcome.NoFurtherAction));
        }
        var quoting = await app.AsSystemAsync(db => db.Set<Vigil.Web.Platform.Inbox.InboxItem>().IgnoreQueryFilters().CountAsync(i => i.Body.Contains(told.Reference)));
        Assert.True(quoting > 0, "the site's adviser was told");

        using var reviewer = await ReviewerOfAsync("london");
        var withContact = Plan(await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/records/act-report/{told.Id}")));
        var without = Plan(await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/records/act-report/{anonymous.Id}")));
        var done = await PostAsync(reviewer, $"/api/v1/retention/records/act-report/{told.Id}/reviews", new { decision = "Dispose", yesTo = Array.Empty<int>() });
        Assert.Equal("Done", done.GetProperty("state").GetString());
        var left = await app.AsSystemAsync(db => db.Set<Vigil.Web.Platform.Inbox.InboxItem>().IgnoreQueryFilters().Where(i => i.Body.Contains(told.Reference)).Select(i => i.Subject + ": " + i.Body).ToListAsync());

        Assert.True(left.Count == 0, "Inbox notices still quote the disposed report: " + string.Join(" | ", left));
        // The two plans differ only by the reports' references.
        Assert.True(withContact.Select(w => w.Replace(told.Reference, "REF", StringComparison.Ordinal)).SequenceEqual(without.Select(w => w.Replace(anonymous.Reference, "REF", StringComparison.Ordinal))),
            "The plan tells a reviewer outside the ACT contact details group that the reporter left contact details: " + string.Join(" | ", withContact) + " || " + string.Join(" | ", without));
    }
}
