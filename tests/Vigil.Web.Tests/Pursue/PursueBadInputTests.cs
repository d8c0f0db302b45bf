using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Pursue;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Pursue;

/// <summary>What the issue lists as bad input: each gets a clear answer, never a 500, and nothing already
/// saved is lost or overwritten.</summary>
public sealed class PursueBadInputTests(VigilApp app) : IClassFixture<VigilApp>
{
    private async Task<(HttpClient Sio, Guid Id)> OpenedAsync()
    {
        var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = (await OpenAsync(sio)).GetProperty("id").GetGuid();
        return (sio, id);
    }

    private async Task<JsonElement> ExhibitAsync(HttpClient api, Guid id, string reference) =>
        await PostAsync(api, $"/api/v1/investigations/{id}/exhibits", new
        {
            reference, description = "Mobile phone", seizedBy = "DC Test", seizedFrom = "Fictional flat", seizedAt = app.Clock.GetUtcNow().AddHours(-5),
        }, HttpStatusCode.Created);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient api, Guid id, Guid exhibitId, byte[] content, string name)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
        return await api.PutAsync($"/api/v1/investigations/{id}/exhibits/{exhibitId}/file", form);
    }

    [Fact]
    public async Task ConcurrentlyRaisedActions_AllSucceed_WithDistinctNumbers()
    {
        // Once, on PostgreSQL, most of these got 409: each chose its number before taking the lock.
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        var raised = await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
            sio.PostAsJsonAsync($"/api/v1/investigations/{id}/actions", new { title = $"Parallel enquiry {i}" })));
        Assert.All(raised, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<int>();
        foreach (var response in raised)
        {
            numbers.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32());
        }
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        var lines = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            sio.PostAsJsonAsync($"/api/v1/investigations/{id}/lines-of-enquiry", new { title = $"Parallel line {i}" })));
        Assert.All(lines, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
    }

    [Fact]
    public async Task ConcurrentEditsOfOneAction_TheSecondGetsAConflict_AndNothingIsOverwritten()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        var action = await PostAsync(sio, $"/api/v1/investigations/{id}/actions", new { title = "Interview the shopkeeper", allocateTo = DemoUsers.SioLondon }, HttpStatusCode.Created);
        var version = action.GetProperty("version").GetGuid();
        var actionUrl = $"/api/v1/investigations/{id}/actions/{action.GetProperty("id").GetGuid()}";
        // Two officers both read version V and both record a result.
        var first = await sio.PostAsJsonAsync($"{actionUrl}/result", new { version, result = "First result" });
        var second = await sio.PostAsJsonAsync($"{actionUrl}/result", new { version, result = "Second result" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await ExpectAsync(second, HttpStatusCode.Conflict);
        Assert.Contains("nothing was overwritten", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var now = await sio.GetFromJsonAsync<JsonElement>(actionUrl);
        Assert.Equal("First result", now.GetProperty("result").GetString());
    }

    [Fact]
    public async Task AllocatingOutsideTheTeam_IsRefused()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        var raised = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/actions", new { title = "Check ANPR", allocateTo = DemoUsers.InvestigatorLondon }), HttpStatusCode.BadRequest);
        Assert.Contains("member of the team", Errors(raised), StringComparison.Ordinal);
        var action = await PostAsync(sio, $"/api/v1/investigations/{id}/actions", new { title = "Check ANPR" }, HttpStatusCode.Created);
        var allocate = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/actions/{action.GetProperty("id").GetGuid()}/allocate",
            new { version = action.GetProperty("version").GetGuid(), allocateTo = DemoUsers.InvestigatorNorthWest }), HttpStatusCode.BadRequest);
        Assert.Contains("member of the team", Errors(allocate), StringComparison.Ordinal);
        var past = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/actions", new { title = "Late", dueDate = "2020-01-01" }), HttpStatusCode.BadRequest);
        Assert.Contains("DueDate", Errors(past), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/actions/{action.GetProperty("id").GetGuid()}/teleport", new { version = Guid.NewGuid() })).StatusCode);
        var outOfOrder = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/actions/{action.GetProperty("id").GetGuid()}/file",
            new { version = action.GetProperty("version").GetGuid() }), HttpStatusCode.Conflict);
        Assert.Contains("reviewed", outOfOrder.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingOrDeletingAPolicyEntry_IsRefused_AndAudited()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        await PostAsync(sio, $"/api/v1/investigations/{id}/policy-file", new { decision = "Deploy surveillance", rationale = "Proportionate to the risk" }, HttpStatusCode.Created);
        var put = await ExpectAsync(await sio.PutAsJsonAsync($"/api/v1/investigations/{id}/policy-file/1", new { decision = "Rewritten", rationale = "Hindsight" }), HttpStatusCode.Conflict);
        Assert.Contains("supersedes entry 1", put.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ExpectAsync(await sio.DeleteAsync($"/api/v1/investigations/{id}/policy-file/1"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NotFound, (await sio.DeleteAsync($"/api/v1/investigations/{id}/policy-file/9")).StatusCode);
        var superseding = await PostAsync(sio, $"/api/v1/investigations/{id}/policy-file", new { decision = "Stand down surveillance", rationale = "Subject left the country", supersedes = 1 }, HttpStatusCode.Created);
        Assert.Equal(2, superseding.GetProperty("number").GetInt32());
        var file = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/policy-file");
        Assert.Equal("Deploy surveillance", file[0].GetProperty("decision").GetString());
        Assert.Equal(2, file[0].GetProperty("supersededBy").GetInt32());
        Assert.Equal(2, await app.AsSystemAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Refused && e.RecordId == $"{id}/1")));
        var missing = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/policy-file", new { decision = "X decision", rationale = "Y rationale", supersedes = 40 }), HttpStatusCode.BadRequest);
        Assert.Contains("no policy entry 40", Errors(missing), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExhibitWhoseFileNoLongerMatchesItsHash_IsNotServed()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        var exhibit = await ExhibitAsync(sio, id, "DT/1");
        var exhibitId = exhibit.GetProperty("id").GetGuid();
        await ExpectAsync(await UploadAsync(sio, id, exhibitId, "%PDF-1.7 original"u8.ToArray(), "phone-report.pdf"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await sio.GetAsync($"/api/v1/investigations/{id}/exhibits/{exhibitId}/file")).StatusCode);

        var storedAs = await app.AsSystemAsync(db => db.Set<Exhibit>().Where(e => e.Id == exhibitId).Select(e => e.StoredAs).SingleAsync());
        var folder = app.Services.GetRequiredService<ExhibitStorageOptions>().Folder;
        await File.WriteAllTextAsync(Path.Combine(folder, storedAs!), "%PDF-1.7 tampered");

        var problem = await ExpectAsync(await sio.GetAsync($"/api/v1/investigations/{id}/exhibits/{exhibitId}/file"), HttpStatusCode.Conflict);
        Assert.Contains("no longer matches", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.RecordId == exhibitId.ToString() && e.Outcome == AuditOutcomes.Failure && e.Detail!.Contains("integrity failure"))));
        // A file is never replaced.
        await ExpectAsync(await UploadAsync(sio, id, exhibitId, "%PDF-1.7 other"u8.ToArray(), "other.pdf"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OversizedOrWronglyTypedUploads_AreRefused_AndLeaveNoFileBehind()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        var options = app.Services.GetRequiredService<ExhibitStorageOptions>();
        var exhibitId = (await ExhibitAsync(sio, id, "UP/1")).GetProperty("id").GetGuid();
        var before = Directory.Exists(options.Folder) ? Directory.GetFiles(options.Folder).Length : 0;

        Assert.Contains("'.exe'", Errors(await ExpectAsync(await UploadAsync(sio, id, exhibitId, [0x4D, 0x5A, 0x90], "tool.exe"), HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("not a .png", Errors(await ExpectAsync(await UploadAsync(sio, id, exhibitId, "%PDF-1.7 pretending"u8.ToArray(), "photo.png"), HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("empty", Errors(await ExpectAsync(await UploadAsync(sio, id, exhibitId, [], "empty.txt"), HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        var limit = options.MaxBytes;
        options.MaxBytes = 1024 * 1024;
        try
        {
            var big = new byte[options.MaxBytes + 1];
            "%PDF"u8.CopyTo(big);
            Assert.Contains("1 MB or smaller", Errors(await ExpectAsync(await UploadAsync(sio, id, exhibitId, big, "big.pdf"), HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        }
        finally
        {
            options.MaxBytes = limit;
        }
        Assert.Equal(before, Directory.Exists(options.Folder) ? Directory.GetFiles(options.Folder).Length : 0);
        Assert.Null(await app.AsSystemAsync(db => db.Set<Exhibit>().Where(e => e.Id == exhibitId).Select(e => e.Sha256).SingleAsync()));
        var noFile = await sio.PutAsync($"/api/v1/investigations/{id}/exhibits/{exhibitId}/file", new MultipartFormDataContent { { new StringContent("x"), "other", "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
    }

    [Fact]
    public async Task ContinuityAndScheduleRules_GiveClearMessages()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        var exhibitId = (await ExhibitAsync(sio, id, "CT/1")).GetProperty("id").GetGuid();
        var early = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/exhibits/{exhibitId}/handovers",
            new { to = "Lab", at = app.Clock.GetUtcNow().AddDays(-3), reason = "Analysis" }), HttpStatusCode.BadRequest);
        Assert.Contains("earlier than the last movement", Errors(early), StringComparison.Ordinal);
        var duplicate = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/exhibits", new
        {
            reference = "ct/1", description = "Again", seizedBy = "DC Test", seizedFrom = "Flat", seizedAt = app.Clock.GetUtcNow().AddHours(-1),
        }), HttpStatusCode.BadRequest);
        Assert.Contains("already recorded", Errors(duplicate), StringComparison.Ordinal);
        var sensitive = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/disclosure/items", new { description = "Source log", schedule = "Mg6D" }), HttpStatusCode.BadRequest);
        Assert.Contains("public-interest reason", Errors(sensitive), StringComparison.Ordinal);
        var name = await ExpectAsync(await sio.PostAsJsonAsync("/api/v1/investigations", new
        {
            operationName = (await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}")).GetProperty("operationName").GetString(),
            lead = "Joint", threatType = "no-such-threat", risk = "Low", classification = "Official",
        }), HttpStatusCode.BadRequest);
        Assert.Contains("already in use", Errors(name), StringComparison.Ordinal);
        Assert.Contains("no threat type", Errors(name), StringComparison.Ordinal);
        var malformed = await sio.PostAsync($"/api/v1/investigations/{id}/actions", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task AClosedInvestigation_TakesNoMoreWork()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        await MoveAsync(sio, id, "Closed", "No further intelligence");
        var again = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/transitions", new { to = "Investigation", reason = "Reopen it" }), HttpStatusCode.Conflict);
        Assert.Contains("closed", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/actions", new { title = "One more thing" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DeletingASubjectLinkedToAnInvestigation_IsRefused_AndDeletesNothing()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        var linked = await PostAsync(sio, $"/api/v1/investigations/{id}/subjects", new
        {
            role = "Associate",
            person = new { givenName = "Perpetua", surname = "Linkedtwice-Q", classification = "Official", acknowledgedCandidates = true },
        }, HttpStatusCode.Created);
        var subjectId = linked.GetProperty("linked").GetProperty("subjectId").GetGuid();
        var problem = await ExpectAsync(await sio.DeleteAsync($"/api/v1/subjects/{subjectId}"), HttpStatusCode.Conflict);
        Assert.Contains("Nothing was deleted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await sio.GetAsync($"/api/v1/subjects/{subjectId}")).StatusCode);
        Assert.Single((await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/subjects")).EnumerateArray());
    }

    [Fact]
    public async Task TheLastCommanderStays_AndARemovedOfficersActionsReturnToBeAllocated()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        var team = await AddMemberAsync(sio, id, DemoUsers.InvestigatorLondon, "Officer");
        var sioId = team.GetProperty("team").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "Sio").GetProperty("userId").GetGuid();
        var officerId = team.GetProperty("team").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "Officer").GetProperty("userId").GetGuid();
        var last = await ExpectAsync(await sio.DeleteAsync($"/api/v1/investigations/{id}/team/{sioId}"), HttpStatusCode.BadRequest);
        Assert.Contains("Appoint another SIO or deputy", Errors(last), StringComparison.Ordinal);

        var action = await PostAsync(sio, $"/api/v1/investigations/{id}/actions", new { title = "Visit the storage unit", allocateTo = DemoUsers.InvestigatorLondon }, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await sio.DeleteAsync($"/api/v1/investigations/{id}/team/{officerId}")).StatusCode);
        var after = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/actions/{action.GetProperty("id").GetGuid()}");
        Assert.Equal("Raised", after.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("allocatedToId").ValueKind);
    }

    [Fact]
    public async Task ScheduleCsv_NeverCarriesAFormula_AndStepsAreNamedNotNumbered()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        await PostAsync(sio, $"/api/v1/investigations/{id}/disclosure/items", new { description = "=HYPERLINK(\"http://example.invalid\")", schedule = "Mg6C" }, HttpStatusCode.Created);
        var csv = await sio.GetStringAsync($"/api/v1/investigations/{id}/disclosure/MG6C.csv");
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        var response = await sio.GetAsync($"/api/v1/investigations/{id}/disclosure/MG6C.csv");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var action = await PostAsync(sio, $"/api/v1/investigations/{id}/actions", new { title = "Numbered step" }, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/actions/{action.GetProperty("id").GetGuid()}/1", new { version = action.GetProperty("version").GetGuid(), result = "x" })).StatusCode);
    }

    [Fact]
    public async Task TwoActionsNumberedAtOnce_TheLoserIsRefusedCleanly_AndTheUnitOfWorkGoesOn()
    {
        var (sio, id) = await OpenedAsync();
        using var _ = sio;
        var first = await PostAsync(sio, $"/api/v1/investigations/{id}/actions", new { title = "First" }, HttpStatusCode.Created);
        var saved = await app.AsSystemAsync(async db =>
        {
            // A second writer that read the same "next number" before the first saved.
            var loser = new InvestigationAction { InvestigationId = id, Number = first.GetProperty("number").GetInt32(), Title = "Second", RaisedBy = "test" };
            db.Add(loser);
            var won = await db.SaveNewAsync(loser, CancellationToken.None);
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "action", null, detail: "numbering race in a test");
            await db.SaveChangesAsync();
            return won;
        });
        Assert.False(saved);
        Assert.Equal(1, await app.AsSystemAsync(db => db.Set<InvestigationAction>().CountAsync(a => a.InvestigationId == id)));
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Detail == "numbering race in a test")));
    }
}
