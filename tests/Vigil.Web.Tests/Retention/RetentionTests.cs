using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Retention;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Security;
using Vigil.Web.Retention;
using Vigil.Web.Subjects;

namespace Vigil.Web.Tests.Retention;

/// <summary>Review, retention and disposal under MoPI: a reviewer disposes of a person whose review is due, after which
/// search, deconfliction and the person's record know nothing of them, the audit chain verifies and keeps only ids, and a
/// tombstone is left; a SECRET disposal needs a second reviewer; a live investigation blocks a disposal (named); retaining
/// needs the reason and a next review within the group's interval; another unit's reviewer is answered as for a missing record.</summary>
public sealed class RetentionTests(VigilApp app) : IClassFixture<VigilApp>
{
    private Task<Subject> DemoPersonAsync(Classification classification) => app.AsSystemAsync(db => db.Set<Subject>().IgnoreQueryFilters()
        .Where(s => s.Summary == RetentionDemoSeed.Summary && s.Classification == classification).OrderBy(s => s.Id).FirstAsync());

    private async Task<bool> KnownAnywhereAsync(Guid id) => await app.AsSystemAsync(async db =>
        await db.Set<Subject>().IgnoreQueryFilters().AnyAsync(s => s.Id == id)
        || await db.Set<SearchEntry>().AnyAsync(e => e.RecordId == id)
        || await db.Set<RetentionEntry>().AnyAsync(e => e.RecordId == id)
        || await db.Set<SubjectNameToken>().IgnoreQueryFilters().AnyAsync(t => t.SubjectId == id));

    private static object Check(Subject person) => new
    {
        purpose = "retention test: is this person known", person = new { givenName = person.GivenName, surname = person.Surname, dateOfBirth = person.DateOfBirth },
    };

    private static bool Finds(JsonElement check, Guid id) => check.GetProperty("hits").EnumerateArray()
        .Any(h => h.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.Object && s.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task AReviewer_DisposesOfADuePerson_AndNothingKnowsThemAfter_ButTheTombstoneAndTheAuditIds()
    {
        using var reviewer = await app.ApiClientAsync(DemoUsers.RecordsLondon);
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        using var noc = await app.ApiClientAsync(DemoUsers.CoordinatorNoc);
        var person = await DemoPersonAsync(Classification.Official);
        var id = person.Id;

        var queue = await Answers.OkAsync(await reviewer.GetAsync("/api/v1/retention/queue?type=subject&pageSize=200"));
        var row = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("recordId").GetGuid() == id);
        Assert.Equal(person.FullName, row.GetProperty("title").GetString());
        Assert.True(DateOnly.Parse(row.GetProperty("due").GetString()!, System.Globalization.CultureInfo.InvariantCulture) <= DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));

        // Known before: the record, the search, deconfliction; and a finished month's national figures counted with them.
        Assert.Equal(HttpStatusCode.OK, (await sio.GetAsync($"/api/v1/subjects/{id}")).StatusCode);
        Assert.Contains(id.ToString(), await (await sio.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(person.FullName))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(Finds(await Answers.OkAsync(await sio.PostAsJsonAsync("/api/v1/deconfliction/checks", Check(person))), id));
        var month = await Answers.OkAsync(await noc.GetAsync("/api/v1/national/picture?scope=Network"));

        var review = await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/records/subject/{id}"));
        Assert.True(review.GetProperty("disposable").GetBoolean());
        Assert.False(review.GetProperty("blocked").GetBoolean());
        Assert.Contains(review.GetProperty("plan").EnumerateArray(), s => s.GetProperty("words").GetString()!.Contains("deconfliction will not find them", StringComparison.Ordinal));

        // A "yes" to a criterion is a reason to retain: the disposal is refused and nothing changes.
        var refused = await reviewer.PostAsJsonAsync($"/api/v1/retention/records/subject/{id}/reviews", new { decision = "Dispose", yesTo = new[] { 2 } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(await KnownAnywhereAsync(id));

        var done = await Answers.OkAsync(await reviewer.PostAsJsonAsync($"/api/v1/retention/records/subject/{id}/reviews", new { decision = "Dispose", yesTo = Array.Empty<int>() }));
        Assert.Equal("Done", done.GetProperty("state").GetString());
        var tombstoneId = done.GetProperty("tombstoneId").GetGuid();

        // Nothing knows them: the record, its search entry, retention entry and name words; the search; deconfliction.
        Assert.False(await KnownAnywhereAsync(id));
        var gone = await sio.GetAsync($"/api/v1/subjects/{id}");
        var missing = await sio.GetAsync($"/api/v1/subjects/{Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await missing.Content.ReadAsStringAsync()), Problems.WithoutTrace(await gone.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(id.ToString(), await (await sio.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(person.FullName))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(Finds(await Answers.OkAsync(await sio.PostAsJsonAsync("/api/v1/deconfliction/checks", Check(person))), id));
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/v1/retention/records/subject/{id}")).StatusCode);

        // The audit log keeps the record's id, with no personal data in any entry about it, and still verifies.
        var entries = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.RecordId == id.ToString()).ToListAsync());
        Assert.Contains(entries, e => e.Action == AuditActions.Disposed && e.Detail!.Contains(tombstoneId.ToString(), StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditActions.Read);
        foreach (var e in entries)
        {
            var text = $"{e.Purpose} {e.Detail}";
            Assert.DoesNotContain(person.GivenName, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.Surname, text, StringComparison.OrdinalIgnoreCase);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Vigil.Web.Platform.Security.AccessContext>().RunAsSystem("system:test");
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(default)).Ok);
        }

        // The auditor sees the tombstone: type, id, date, reviewer, policy; the finished month still counts them.
        using var auditor = await app.ApiClientAsync(DemoUsers.Auditor);
        var raw = await (await auditor.GetAsync("/api/v1/retention/disposals")).Content.ReadAsStringAsync();
        var tombstone = JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("recordId").GetGuid() == id);
        Assert.Equal("subject", tombstone.GetProperty("recordType").GetString());
        Assert.Equal("DS Leontine Abara-Whitlock", tombstone.GetProperty("reviewerName").GetString());
        Assert.StartsWith("Group 1", tombstone.GetProperty("policy").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(person.Surname, raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(month.GetProperty("tables").GetRawText(), (await Answers.OkAsync(await noc.GetAsync("/api/v1/national/picture?scope=Network"))).GetProperty("tables").GetRawText());
    }

    [Fact]
    public async Task ASecretRecord_IsDisposedOfOnlyWhenASecondReviewerConfirms()
    {
        using var first = await app.ApiClientAsync(DemoUsers.RecordsLondon);
        using var second = await app.ApiClientAsync(DemoUsers.Records2London);
        var person = await DemoPersonAsync(Classification.Secret);

        var proposed = await Answers.OkAsync(await first.PostAsJsonAsync($"/api/v1/retention/records/subject/{person.Id}/reviews", new { decision = "Dispose" }));
        Assert.Equal("AwaitingSecond", proposed.GetProperty("state").GetString());
        var reviewId = proposed.GetProperty("reviewId").GetGuid();
        Assert.True(await KnownAnywhereAsync(person.Id));
        // Not by the one who proposed it; and nobody reviews it again while it waits.
        Assert.Equal(HttpStatusCode.Forbidden, (await first.PostAsync($"/api/v1/retention/reviews/{reviewId}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsJsonAsync($"/api/v1/retention/records/subject/{person.Id}/reviews", new { decision = "Dispose" })).StatusCode);
        Assert.True(await KnownAnywhereAsync(person.Id));

        var waiting = await Answers.OkAsync(await second.GetAsync("/api/v1/retention/awaiting"));
        Assert.Contains(waiting.EnumerateArray(), w => w.GetProperty("reviewId").GetGuid() == reviewId && !w.GetProperty("byYou").GetBoolean());
        var confirmed = await Answers.OkAsync(await second.PostAsync($"/api/v1/retention/reviews/{reviewId}/confirm", null));
        Assert.Equal("Done", confirmed.GetProperty("state").GetString());
        Assert.False(await KnownAnywhereAsync(person.Id));
        var tombstone = await app.AsSystemAsync(db => db.Set<DisposalTombstone>().SingleAsync(t => t.RecordId == person.Id));
        Assert.Equal("DC Bartholomew Nkemelu-Strand", tombstone.SecondReviewerName);
        Assert.Equal(Classification.Secret, tombstone.Classification);
    }

    [Fact]
    public async Task ALiveInvestigationBlocks_ARetainNeedsItsReason_AndAnotherUnitIsAnsweredAsMissing()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        using var reviewer = await app.ApiClientAsync(DemoUsers.RecordsLondon);
        var investigation = await Answers.OkAsync(await sio.PostAsJsonAsync("/api/v1/investigations", new
        {
            operationName = "FICTIONAL RETAINER", summary = "Fictional.", lead = "PoliceOnly", threatType = "extreme-right-wing", activities = Array.Empty<string>(), risk = "Medium", classification = "Official",
        }));
        var person = await app.AsSystemAsync(db => db.Set<Subject>().IgnoreQueryFilters().Where(s => s.Summary == RetentionDemoSeed.Summary && s.Classification == Classification.Official)
            .OrderByDescending(s => s.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Created, (await sio.PostAsJsonAsync($"/api/v1/investigations/{investigation.GetProperty("id").GetGuid()}/subjects", new { subjectId = person.Id, role = "Associate" })).StatusCode);

        var review = await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/records/subject/{person.Id}"));
        Assert.True(review.GetProperty("blocked").GetBoolean());
        var blocker = review.GetProperty("plan").EnumerateArray().Single(s => s.GetProperty("blocks").GetBoolean());
        Assert.Equal("Pursue", blocker.GetProperty("module").GetString());
        // The reviewer is not on the team: the investigation is named by its unit only.
        Assert.Contains("an investigation of London, a live investigation", blocker.GetProperty("words").GetString(), StringComparison.Ordinal);
        var conflict = await reviewer.PostAsJsonAsync($"/api/v1/retention/records/subject/{person.Id}/reviews", new { decision = "Dispose" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("live investigation", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await KnownAnywhereAsync(person.Id));

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsJsonAsync($"/api/v1/retention/records/subject/{person.Id}/reviews",
            new { decision = "Retain", nextReview = today.AddYears(2) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsJsonAsync($"/api/v1/retention/records/subject/{person.Id}/reviews",
            new { decision = "Retain", reason = "Linked to a live investigation.", nextReview = today.AddYears(11) })).StatusCode);
        var retained = await Answers.OkAsync(await reviewer.PostAsJsonAsync($"/api/v1/retention/records/subject/{person.Id}/reviews",
            new { decision = "Retain", reason = "Linked to a live investigation.", yesTo = new[] { 4 }, nextReview = today.AddYears(2) }));
        Assert.Equal("Retain", retained.GetProperty("decision").GetString());
        Assert.Equal(today.AddYears(2), await app.AsSystemAsync(db => db.Set<RetentionEntry>().Where(e => e.RecordId == person.Id).Select(e => e.NextReview).SingleAsync()));
        var queue = await (await reviewer.GetAsync("/api/v1/retention/queue?pageSize=200")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(person.Id.ToString(), queue, StringComparison.Ordinal);
        var history = (await Answers.OkAsync(await reviewer.GetAsync($"/api/v1/retention/records/subject/{person.Id}"))).GetProperty("history").EnumerateArray().Single();
        Assert.Equal("Linked to a live investigation.", history.GetProperty("reason").GetString());
        Assert.Equal("4", history.GetProperty("yesTo").GetString());

        // A reviewer of another unit: the review of a London record answers exactly as one of a record that does not exist.
        await app.CreateUserAsync("records.northwest@test.vigil.example", Roles.RecordsReviewer, "north-west", Classification.Secret);
        using var other = await app.ApiClientAsync("records.northwest@test.vigil.example");
        var hidden = await other.GetAsync($"/api/v1/retention/records/subject/{person.Id}");
        var absent = await other.GetAsync($"/api/v1/retention/records/subject/{Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await absent.Content.ReadAsStringAsync()), Problems.WithoutTrace(await hidden.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(person.Id.ToString(), await (await other.GetAsync("/api/v1/retention/queue?pageSize=200")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.GetAsync("/api/v1/retention/queue")).StatusCode);
    }
}

/// <summary>The policy is reference data: an administrator changes a group's periods (audited), and the queues follow at once.</summary>
public sealed class RetentionPolicyTests(VigilApp app) : IClassFixture<VigilApp>
{
    [Fact]
    public async Task AnAdministrator_ChangesTheFirstReview_AndTheQueueFollows()
    {
        using var reviewer = await app.ApiClientAsync(DemoUsers.RecordsLondon);
        using var admin = await app.ApiClientAsync(DemoUsers.Admin);
        var policy = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/retention/policy");
        Assert.Equal(4, policy.GetProperty("groups").GetArrayLength());
        Assert.Equal(6, policy.GetProperty("questions").GetArrayLength());
        static int Due(JsonElement queue) => queue.GetProperty("total").GetInt32();
        var before = Due(await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/retention/queue?type=subject"));
        Assert.True(before >= 4, $"{before} due");

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutAsJsonAsync("/api/v1/retention/policy/groups/group-1", new { reviewAfterYears = 12, reviewEveryYears = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/v1/retention/policy/groups/group-1", new { reviewAfterYears = 0, reviewEveryYears = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/retention/policy/groups/group-9", new { reviewAfterYears = 12, reviewEveryYears = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/retention/policy/groups/group-1", new { reviewAfterYears = 12, reviewEveryYears = 10 })).StatusCode);
        Assert.Equal(before - 4, Due(await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/retention/queue?type=subject")));
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.RecordType == "retention-group" && e.RecordId == "group-1" && e.Detail!.Contains("10 -> 12"))));
    }
}
