using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Protect;
using Vigil.Web.Reporting;
using Vigil.Web.Tests.Reporting;

namespace Vigil.Web.Tests.Protect;

/// <summary>The Protect register: Martyn's Law's tiers from the capacity, the evidence the Act asks for, a CTSA's
/// assessment saved with its recommendations or not at all, a recommendation done with its evidence, and another
/// unit's site answering as a missing one.</summary>
public sealed class ProtectTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static object Site(string name, int capacity, string kind = "Premises", bool entryChecks = false) => new
    {
        name, address = "1 Fictional Way, London", postcode = "se18xx", sector = "stadia-arenas", kind, capacity, entryChecks,
    };

    [Theory]
    [InlineData(SiteKind.Premises, 199, false, MartynsLawTier.NotInScope)]
    [InlineData(SiteKind.Premises, 200, false, MartynsLawTier.Standard)]
    [InlineData(SiteKind.Premises, 799, false, MartynsLawTier.Standard)]
    [InlineData(SiteKind.Premises, 800, false, MartynsLawTier.Enhanced)]
    [InlineData(SiteKind.Event, 5000, false, MartynsLawTier.NotInScope)]
    [InlineData(SiteKind.Event, 799, true, MartynsLawTier.NotInScope)]
    [InlineData(SiteKind.Event, 800, true, MartynsLawTier.Enhanced)]
    public void TheTier_FollowsTheAct(SiteKind kind, int capacity, bool entryChecks, MartynsLawTier tier) =>
        Assert.Equal(tier, ProtectSite.TierOf(kind, capacity, entryChecks));

    [Fact]
    public async Task ASite_OfTwelveHundred_IsEnhanced_WithItsMissingEvidence_AndBadCapacityIsRefused()
    {
        using var ctsa = await app.ApiClientAsync(DemoUsers.CtsaLondon);
        foreach (var capacity in new[] { 0, -5 })
        {
            var refused = await ctsa.PostAsJsonAsync("/api/v1/protect/sites", Site("Fictional Refused Hall", capacity));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("capacity", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<ProtectSite>().IgnoreQueryFilters().CountAsync(s => s.Name == "Fictional Refused Hall")));

        var site = await Answers.OkAsync(await ctsa.PostAsJsonAsync("/api/v1/protect/sites", Site("Fictional Test Arena", 1200)));
        Assert.Equal("Enhanced", site.GetProperty("tier").GetString());
        Assert.Equal("Official", site.GetProperty("classification").GetString());
        // Marked above the CTSA's own clearance (OFFICIAL): refused, naming the field, nothing saved.
        var above = await ctsa.PostAsJsonAsync("/api/v1/protect/sites", new
        {
            name = "Fictional Secret Hall", address = "1 Fictional Way, London", postcode = "SE1 8XX", sector = "retail", kind = "Premises", capacity = 300, classification = "Secret",
        });
        Assert.Equal(HttpStatusCode.BadRequest, above.StatusCode);
        Assert.Contains("classification", await above.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<ProtectSite>().IgnoreQueryFilters().CountAsync(s => s.Name == "Fictional Secret Hall")));
        Assert.Equal("SE1 8XX", site.GetProperty("postcode").GetString());
        var missing = site.GetProperty("missingEvidence").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("The designated senior individual", missing);
        Assert.Contains("The date the SIA was notified", missing);

        // Only a CTSA records a site; another unit's CTSA finds this one missing, as one that does not exist.
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.PostAsJsonAsync("/api/v1/protect/sites", Site("Fictional SIO Hall", 300))).StatusCode);
        using var wales = await app.ApiClientAsync(DemoUsers.CtsaWales);
        var id = site.GetProperty("id").GetGuid();
        var hidden = await wales.GetAsync($"/api/v1/protect/sites/{id}");
        var absent = await wales.GetAsync($"/api/v1/protect/sites/{Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await absent.Content.ReadAsStringAsync()), Problems.WithoutTrace(await hidden.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AnAssessment_IsSavedWithItsRecommendations_OrNotAtAll_AndARecommendationIsDoneWithEvidence()
    {
        using var ctsa = await app.ApiClientAsync(DemoUsers.CtsaLondon);
        var site = await Answers.OkAsync(await ctsa.PostAsJsonAsync("/api/v1/protect/sites", Site("Fictional Assessed Hall", 900)));
        var id = site.GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        object Assessment(DateOnly secondDue) => new
        {
            visitedOn = today.AddDays(-1), deter = "Visible stewards", detect = "CCTV at two of four doors", delay = "", respond = "Lockdown plan exists",
            nextVisitDue = today.AddDays(180),
            recommendations = new[]
            {
                new { text = "Add CCTV at the other two doors", priority = "High", ownerAtSite = "Head of security", dueOn = today.AddDays(30) },
                new { text = "Brief staff on Run Hide Tell", priority = "Medium", ownerAtSite = "Operations manager", dueOn = secondDue },
            },
        };

        // A due date before the visit: refused, naming the recommendation, and nothing of the assessment is kept.
        var refused = await ctsa.PostAsJsonAsync($"/api/v1/protect/sites/{id}/assessments", Assessment(today.AddDays(-10)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Recommendations[1].DueOn", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unchanged = await Answers.OkAsync(await ctsa.GetAsync($"/api/v1/protect/sites/{id}"));
        Assert.Equal(0, unchanged.GetProperty("assessments").GetArrayLength());
        Assert.Equal(0, unchanged.GetProperty("recommendations").GetArrayLength());

        var assessed = await Answers.OkAsync(await ctsa.PostAsJsonAsync($"/api/v1/protect/sites/{id}/assessments", Assessment(today.AddDays(14))));
        Assert.Equal(1, assessed.GetProperty("assessments").GetArrayLength());
        Assert.Equal(2, assessed.GetProperty("recommendations").GetArrayLength());
        Assert.All(assessed.GetProperty("recommendations").EnumerateArray(), r => Assert.Equal("Open", r.GetProperty("status").GetString()));

        Assert.Equal(HttpStatusCode.BadRequest, (await ctsa.PostAsJsonAsync($"/api/v1/protect/sites/{id}/recommendations/1/complete", new { evidence = " " })).StatusCode);
        var done = await Answers.OkAsync(await ctsa.PostAsJsonAsync($"/api/v1/protect/sites/{id}/recommendations/1/complete", new { evidence = "Photographs of the new cameras" }));
        var first = done.GetProperty("recommendations")[0];
        Assert.Equal("Done", first.GetProperty("status").GetString());
        Assert.Equal("Photographs of the new cameras", first.GetProperty("evidence").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await ctsa.PostAsJsonAsync($"/api/v1/protect/sites/{id}/recommendations/1/complete", new { evidence = "again" })).StatusCode);
        // A stale version is a conflict, not a lost update.
        var stale = await ctsa.PostAsJsonAsync($"/api/v1/protect/sites/{id}/recommendations/2/complete", new { evidence = "Briefing sheet", version = site.GetProperty("version").GetGuid() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // The adviser's queue: this site's visit is not due for 180 days, and nothing of it is overdue yet.
        var queue = await Answers.OkAsync(await ctsa.GetAsync("/api/v1/protect/queue"));
        Assert.DoesNotContain(queue.GetProperty("visitsDue").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task AReportFromThePublic_NearASite_IsLinkedToIt_ItsAdviserIsTold_AndHostileReconnaissanceNearAnEnhancedSiteIsFlagged()
    {
        using var ctsa = await app.ApiClientAsync(DemoUsers.CtsaLondon);
        var site = await Answers.OkAsync(await ctsa.PostAsJsonAsync("/api/v1/protect/sites", new
        {
            name = "Fictional Watched Stadium", address = "2 Fictional Road, London", postcode = "N7 7AJ", sector = "stadia-arenas", kind = "Premises", capacity = 60000,
        }));
        var siteId = site.GetProperty("id").GetGuid();
        var adviser = await app.AsSystemAsync(db => db.Users.Where(u => u.Email == DemoUsers.CtsaLondon).Select(u => u.Id).SingleAsync());
        var before = await app.AsSystemAsync(db => db.Set<InboxItem>().CountAsync(i => i.ForUserId == adviser && i.RecordId == siteId.ToString()));

        using var publicClient = ActIntakeTests.Public(app);
        // Same district (N7), and another district (N8) that is not near.
        var near = await ActIntakeTests.SendAsync(publicClient, ActIntakeTests.Report("Someone filmed the turnstiles for an hour", postcode: "N7 6PA"));
        await ActIntakeTests.SendAsync(publicClient, ActIntakeTests.Report("Someone filmed the bus station", postcode: "N8 7PB"));
        var processor = app.Services.GetRequiredService<ActProcessor>();
        while (await processor.ProcessPendingAsync(CancellationToken.None) > 0)
        {
        }

        var reference = near.GetProperty("reference").GetString()!;
        var links = await app.AsSystemAsync(db => db.Set<ActSiteLink>().Where(l => l.SiteId == siteId)
            .Join(db.Set<ActReport>(), l => l.ReportId, r => r.Id, (l, r) => r.Reference).ToListAsync());
        Assert.Equal([reference], links);
        var notices = await app.AsSystemAsync(db => db.Set<InboxItem>().Where(i => i.ForUserId == adviser && i.RecordId == siteId.ToString()).Select(i => i.Subject).ToListAsync());
        Assert.Equal(before + 1, notices.Count);
        Assert.Contains(notices, n => n.StartsWith("Flagged: hostile reconnaissance reported near Fictional Watched Stadium", StringComparison.Ordinal));

        // The London ACT triage officer sees the site beside the report; the site's page lists the report for a reader
        // who may see it (the triage officer) and not for one who may not (the CTSA), who was told through the inbox.
        using var triage = await app.ApiClientAsync(DemoUsers.ActLondon);
        var reportId = await app.AsSystemAsync(db => db.Set<ActReport>().Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync());
        var read = await Answers.OkAsync(await triage.GetAsync($"/api/v1/act/reports/{reportId}"));
        var sites = read.GetProperty("nearSites").EnumerateArray().ToList();
        Assert.Single(sites);
        Assert.True(sites[0].GetProperty("enhancedTier").GetBoolean());
    }

    [Fact]
    public async Task AwarenessSessions_AreRecordedByACtsa_AndCountedByKindSectorAndUnit()
    {
        using var ctsa = await app.ApiClientAsync(DemoUsers.CtsaWales);
        var before = await Answers.OkAsync(await ctsa.GetAsync("/api/v1/protect/awareness"));
        int Attendees(JsonElement figures, string table, string group) =>
            figures.GetProperty(table).EnumerateArray().Where(c => c.GetProperty("group").GetString() == group).Sum(c => c.GetProperty("attendees").GetInt32());
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var refused = await ctsa.PostAsJsonAsync("/api/v1/protect/awareness", new { kind = "Scan", on = today.AddDays(3), sector = "retail", attendees = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("today or in the past", body, StringComparison.Ordinal);
        Assert.Contains("attendees", body, StringComparison.OrdinalIgnoreCase);
        await Answers.OkAsync(await ctsa.PostAsJsonAsync("/api/v1/protect/awareness", new { kind = "Scan", on = today, site = "Fictional shopping centre staff", sector = "retail", attendees = 42 }));

        var after = await Answers.OkAsync(await ctsa.GetAsync("/api/v1/protect/awareness"));
        Assert.Equal(Attendees(before, "bySector", "Retail") + 42, Attendees(after, "bySector", "Retail"));
        Assert.Equal(Attendees(before, "byKind", "SCaN (See, Check and Notify)") + 42, Attendees(after, "byKind", "SCaN (See, Check and Notify)"));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("byUnit").ValueKind);
        // Only a CTSA records; the national roles see the network by unit.
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.PostAsJsonAsync("/api/v1/protect/awareness", new { kind = "Scan", on = today, sector = "retail", attendees = 5 })).StatusCode);
        using var coordinator = await app.ApiClientAsync(DemoUsers.CoordinatorNoc);
        var national = await Answers.OkAsync(await coordinator.GetAsync("/api/v1/protect/awareness"));
        Assert.True(Attendees(national, "byUnit", "Wales") >= 42);
        Assert.True(Attendees(national, "byUnit", "London") > 0);
    }

    [Fact]
    public async Task ASiteWithTheLongestName_NearAReport_NeitherStopsProcessingNorFailsItsNotice_AndBadQueriesAre400()
    {
        using var ctsa = await app.ApiClientAsync(DemoUsers.CtsaLondon);
        var name = "Fictional " + new string('L', 190);
        var site = await Answers.OkAsync(await ctsa.PostAsJsonAsync("/api/v1/protect/sites", new
        {
            name, address = "3 Fictional Row, London", postcode = "EC2A 1AB", sector = "retail", kind = "Premises", capacity = 900,
        }));
        using var publicClient = ActIntakeTests.Public(app);
        var report = await ActIntakeTests.SendAsync(publicClient, ActIntakeTests.Report("Someone photographed the doors", postcode: "EC2A 4NE"));
        var processor = app.Services.GetRequiredService<ActProcessor>();
        while (await processor.ProcessPendingAsync(CancellationToken.None) > 0)
        {
        }
        var reference = report.GetProperty("reference").GetString()!;
        Assert.True(await app.AsSystemAsync(db => db.Set<ActReport>().Where(r => r.Reference == reference).Select(r => r.Processed).SingleAsync()));
        var siteId = site.GetProperty("id").GetGuid().ToString();
        var subjects = await app.AsSystemAsync(db => db.Set<InboxItem>().Where(i => i.RecordId == siteId).Select(i => i.Subject).ToListAsync());
        var subject = Assert.Single(subjects);
        Assert.True(subject.Length <= UnitInbox.MostSubject);
        Assert.EndsWith("...", subject, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await ctsa.GetAsync("/api/v1/protect/sites?tier=7")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ctsa.GetAsync("/api/v1/prepare/threat-levels/history?scope=9")).StatusCode);
    }
}
