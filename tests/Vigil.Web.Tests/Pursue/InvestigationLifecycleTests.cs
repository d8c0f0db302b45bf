using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Web.Platform.Audit;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Pursue;

/// <summary>One investigation from opening to closure through the API, with the rules that guard each step.</summary>
public sealed class InvestigationLifecycleTests(VigilApp app) : IClassFixture<VigilApp>
{
    [Fact]
    public async Task Investigation_FromOpeningToClosure_FollowsTheRules()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var opened = await OpenAsync(sio, risk: "High");
        var id = opened.GetProperty("id").GetGuid();
        Assert.Equal("IntelligenceDevelopment", opened.GetProperty("phase").GetString());
        Assert.Equal("Sio", opened.GetProperty("yourRole").GetString());

        // Team: an investigator and the disclosure officer join, and see it at once.
        using var investigator = await app.ApiClientAsync(DemoUsers.InvestigatorLondon);
        using var disclosure = await app.ApiClientAsync(DemoUsers.DisclosureLondon);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync($"/api/v1/investigations/{id}")).StatusCode);
        await AddMemberAsync(sio, id, DemoUsers.InvestigatorLondon, "Officer");
        await AddMemberAsync(sio, id, DemoUsers.DisclosureLondon, "DisclosureOfficer");
        Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync($"/api/v1/investigations/{id}")).StatusCode);

        // Skipping a phase is refused.
        var skip = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/transitions", new { to = "Charge", reason = "Straight to charge" }), HttpStatusCode.BadRequest);
        Assert.Contains("can only move to Investigation", Errors(skip), StringComparison.Ordinal);
        await MoveAsync(sio, id, "Investigation");

        // High risk: no executive action before the ELG has authorised it.
        var early = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/transitions", new { to = "ExecutiveAction", reason = "Arrests planned" }), HttpStatusCode.BadRequest);
        Assert.Contains("Executive Liaison Group", Errors(early), StringComparison.Ordinal);
        await PostAsync(sio, $"/api/v1/investigations/{id}/elg-meetings", new
        {
            heldAt = app.Clock.GetUtcNow().AddHours(-1),
            attendees = new[] { new { name = "DCI Morgan Ellery", organisation = "London" }, new { name = "Officer K (fictional)", organisation = "MI5" } },
            decisions = new[] { new { decision = "Arrests may proceed at dawn", rationale = "Public safety outweighs further evidence gathering", balance = "PublicSafety", authorisesExecutiveAction = true } },
            shareWith = new[] { "mi5" },
        }, HttpStatusCode.Created);

        // The incident room: a line of enquiry, an action through its whole life, a policy entry, a subject.
        await PostAsync(sio, $"/api/v1/investigations/{id}/lines-of-enquiry", new { title = "Purchases of precursor chemicals" }, HttpStatusCode.Created);
        var action = await PostAsync(sio, $"/api/v1/investigations/{id}/actions", new
        {
            title = "Obtain CCTV from the hardware shop", priority = "High", dueDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(3),
            lineOfEnquiry = 1, allocateTo = DemoUsers.InvestigatorLondon,
        }, HttpStatusCode.Created);
        var actionId = action.GetProperty("id").GetGuid();
        Assert.Equal("A1", action.GetProperty("reference").GetString());
        Assert.Equal("Allocated", action.GetProperty("state").GetString());
        var resulted = await PostAsync(investigator, $"/api/v1/investigations/{id}/actions/{actionId}/result", new { version = action.GetProperty("version").GetGuid(), result = "CCTV seized as RA/1" });
        var reviewed = await PostAsync(sio, $"/api/v1/investigations/{id}/actions/{actionId}/review", new { version = resulted.GetProperty("version").GetGuid(), accept = true });
        var filed = await PostAsync(sio, $"/api/v1/investigations/{id}/actions/{actionId}/file", new { version = reviewed.GetProperty("version").GetGuid() });
        Assert.Equal("Filed", filed.GetProperty("state").GetString());

        var policy = await PostAsync(sio, $"/api/v1/investigations/{id}/policy-file", new { decision = "Covert phase ends", rationale = "Risk to the public now too high" }, HttpStatusCode.Created);
        Assert.Equal(1, policy.GetProperty("number").GetInt32());

        await MoveAsync(sio, id, "ExecutiveAction");
        var noSuspect = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/transitions", new { to = "Charge", reason = "CPS authorised charge" }), HttpStatusCode.BadRequest);
        Assert.Contains("suspect", Errors(noSuspect), StringComparison.Ordinal);
        var linked = await PostAsync(investigator, $"/api/v1/investigations/{id}/subjects", new
        {
            role = "Suspect",
            person = new { givenName = "Wilhelmina", surname = "Testcase-Zed", classification = "Official", dateOfBirth = "1991-02-03" },
        }, HttpStatusCode.Created);
        Assert.Equal("Suspect", linked.GetProperty("linked").GetProperty("role").GetString());
        await MoveAsync(sio, id, "Charge");

        // Exhibit with continuity and a digital file.
        var exhibit = await PostAsync(investigator, $"/api/v1/investigations/{id}/exhibits", new
        {
            reference = "ra/1", description = "CCTV recording, hardware shop", seizedBy = "DS Rowan Achebe", seizedFrom = "1 Example Parade (fictional)",
            seizedAt = app.Clock.GetUtcNow().AddHours(-2),
        }, HttpStatusCode.Created);
        var exhibitId = exhibit.GetProperty("id").GetGuid();
        Assert.Equal("RA/1", exhibit.GetProperty("reference").GetString());
        await PostAsync(investigator, $"/api/v1/investigations/{id}/exhibits/{exhibitId}/handovers", new { to = "Exhibits store, fictional HQ", at = app.Clock.GetUtcNow().AddHours(-1), reason = "Secure storage" });
        var bytes = "%PDF-1.4 fictional CCTV log"u8.ToArray();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "cctv-log.pdf" } };
        var attached = await ExpectAsync(await investigator.PutAsync($"/api/v1/investigations/{id}/exhibits/{exhibitId}/file", form), HttpStatusCode.OK);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), attached.GetProperty("sha256").GetString());
        Assert.Equal(bytes, await investigator.GetByteArrayAsync($"/api/v1/investigations/{id}/exhibits/{exhibitId}/file"));

        // Disclosure: items on each schedule, a nil sensitive schedule signed all the same.
        await PostAsync(disclosure, $"/api/v1/investigations/{id}/disclosure/items", new { description = "Door-to-door enquiry notes", schedule = "Mg6C", location = "Incident room" }, HttpStatusCode.Created);
        await PostAsync(disclosure, $"/api/v1/investigations/{id}/disclosure/items", new
        {
            description = "Witness B's first account differs", schedule = "Mg6C", flaggedForProsecutor = true, flagReason = "May assist the defence on timing",
        }, HttpStatusCode.Created);
        var nil = await PostAsync(disclosure, $"/api/v1/investigations/{id}/disclosure/MG6D/sign-off", new { });
        Assert.Equal(0, nil.GetProperty("itemCount").GetInt32());
        await PostAsync(disclosure, $"/api/v1/investigations/{id}/disclosure/MG6C/sign-off", new { });
        var csv = await disclosure.GetStringAsync($"/api/v1/investigations/{id}/disclosure/MG6C.csv");
        Assert.Contains("Door-to-door enquiry notes", csv, StringComparison.Ordinal);
        Assert.StartsWith("item,description,location,schedule", csv, StringComparison.Ordinal);

        // The CPS case file: a statement, the exhibits list, the schedules and a manifest of hashes.
        var statement = await PostAsync(investigator, $"/api/v1/investigations/{id}/statements", new { witness = "Witness A (fictional)", takenOn = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), text = "I saw a person buy ..." }, HttpStatusCode.Created);
        var bundle = await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/cps-bundle", new { statements = new[] { statement.GetProperty("id").GetGuid() } });
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        using var zip = new ZipArchive(await bundle.Content.ReadAsStreamAsync());
        var manifest = JsonSerializer.Deserialize<JsonElement>(await new StreamReader(await zip.GetEntry("manifest.json")!.OpenAsync()).ReadToEndAsync());
        foreach (var file in manifest.GetProperty("files").EnumerateArray())
        {
            await using var entry = await zip.GetEntry(file.GetProperty("path").GetString()!)!.OpenAsync();
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(await SHA256.HashDataAsync(entry)));
        }
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("statements/MG11-01", StringComparison.Ordinal));
        Assert.Contains(zip.Entries, e => e.FullName == "exhibits/MG12-exhibits-list.csv");
        Assert.Equal(2, manifest.GetProperty("signOffs").GetArrayLength());

        // Through prosecution to outcome and closure; an open action needs the SIO's reason, kept in the policy file.
        await MoveAsync(sio, id, "Prosecution");
        var noOutcome = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/transitions", new { to = "Outcome", reason = "Trial concluded" }), HttpStatusCode.BadRequest);
        Assert.Contains("Outcome", Errors(noOutcome), StringComparison.Ordinal);
        await MoveAsync(sio, id, "Outcome", extra: new { outcome = "Convicted on both counts (fictional)" });
        await PostAsync(investigator, $"/api/v1/investigations/{id}/actions", new { title = "Return property to owners" }, HttpStatusCode.Created);
        var openAction = await ExpectAsync(await sio.PostAsJsonAsync($"/api/v1/investigations/{id}/transitions", new { to = "Closed", reason = "Case concluded" }), HttpStatusCode.BadRequest);
        Assert.Contains("still open", Errors(openAction), StringComparison.Ordinal);
        var closed = await MoveAsync(sio, id, "Closed", extra: new { openActionsReason = "Property return passes to the force property office" });
        Assert.Equal("Closed", closed.GetProperty("phase").GetString());
        Assert.Equal(6, closed.GetProperty("phaseChanges").GetArrayLength());
        var file2 = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/policy-file");
        Assert.Contains("force property office", file2[1].GetProperty("rationale").GetString(), StringComparison.Ordinal);

        var timeline = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/timeline");
        var kinds = timeline.EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "opened", "phase", "elg", "policy", "exhibit", "action" }, kinds);
        var times = timeline.EnumerateArray().Select(t => t.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order().ToList(), times);
    }

    [Fact]
    public async Task PartnerAgency_SeesOnlyTheElgMeetingsSharedWithIt()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = (await OpenAsync(sio, risk: "High")).GetProperty("id").GetGuid();
        await PostAsync(sio, $"/api/v1/investigations/{id}/elg-meetings", new
        {
            heldAt = app.Clock.GetUtcNow().AddHours(-3),
            attendees = new[] { new { name = "Taylor (fictional)", organisation = "Manchester City Council" } },
            decisions = new[] { new { decision = "Share safeguarding concerns about the children in the household", rationale = "Child protection", balance = "PublicSafety" } },
            shareWith = new[] { "la-manchester" },
        }, HttpStatusCode.Created);
        await PostAsync(sio, $"/api/v1/investigations/{id}/elg-meetings", new
        {
            heldAt = app.Clock.GetUtcNow().AddHours(-2),
            attendees = new[] { new { name = "DCI Morgan Ellery", organisation = "London" } },
            decisions = new[] { new { decision = "Covert deployment continues", rationale = "Evidence still needed", balance = "EvidenceGathering" } },
        }, HttpStatusCode.Created);

        using var partner = await app.ApiClientAsync(DemoUsers.ChannelManchester);
        var shared = await partner.GetFromJsonAsync<JsonElement>("/api/v1/partner/elg-meetings");
        var mine = shared.EnumerateArray().Where(m => m.GetProperty("investigationId").GetGuid() == id).ToList();
        Assert.Single(mine);
        Assert.Contains("safeguarding", mine[0].GetProperty("decisions")[0].GetProperty("decision").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/investigations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/investigations/{id}/elg-meetings")).StatusCode);
    }
}
