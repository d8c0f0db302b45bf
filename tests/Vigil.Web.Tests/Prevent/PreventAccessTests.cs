using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Web.Platform.Security;
using Vigil.Web.Prevent;
using Vigil.Web.Subjects.Deconfliction;
using Vigil.Web.Tests.Pursue;
using static Vigil.Web.Tests.Prevent.PreventApi;

namespace Vigil.Web.Tests.Prevent;

/// <summary>
/// Prevent data is safeguarding data. A Pursue officer learns a Prevent case exists only through
/// deconfliction; a partner agency's panel member sees only the cases referred to their own panel, and
/// nothing of Pursue; a hidden case answers exactly like a missing one.
/// </summary>
public sealed class PreventAccessTests(VigilApp app) : IClassFixture<VigilApp>
{
    [Fact]
    public async Task PursueOfficers_LearnOfAPreventCase_OnlyThroughDeconfliction()
    {
        using var prevent = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var surname = UniqueSurname("Quillfeather");
        var made = (await PursueApi.ExpectAsync(await prevent.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname, givenName: "Ottilie", dateOfBirth: "2001-07-14")), HttpStatusCode.Created)).GetProperty("case");
        var id = made.GetProperty("id").GetGuid();
        var subjectId = made.GetProperty("subjectId").GetGuid();
        var reference = made.GetProperty("reference").GetString()!;

        foreach (var officer in new[] { DemoUsers.SioNorthWest, DemoUsers.InvestigatorNorthWest, DemoUsers.CoordinatorNoc })
        {
            using var api = await app.ApiClientAsync(officer);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/prevent/cases/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/prevent/cases")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/subjects/{subjectId}")).StatusCode);
            var search = await api.GetStringAsync($"/api/v1/subjects/?name={surname}");
            Assert.DoesNotContain(surname, search);

            var check = await PursueApi.PostAsync(api, "/api/v1/deconfliction/checks", new
            {
                purpose = "Operation test: is this person known?",
                person = new { givenName = "Ottilie", surname, dateOfBirth = "2001-07-14" },
            });
            var hit = Assert.Single(check.GetProperty("hits").EnumerateArray());
            Assert.False(hit.GetProperty("visible").GetBoolean());
            Assert.Equal("North West", hit.GetProperty("owningUnit").GetString());
            Assert.Equal([SubjectInvolvements.OpenPreventCase], hit.GetProperty("knownTo").EnumerateArray().Select(k => k.GetString()));
            Assert.DoesNotContain(reference, check.ToString());
            Assert.DoesNotContain(surname, check.ToString());
        }
        var sio = await app.SignInAsync(DemoUsers.SioNorthWest);
        Assert.Equal(HttpStatusCode.NotFound, (await sio.GetAsync($"/prevent/cases/{id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sio.GetAsync("/prevent")).Response.StatusCode);

        // Once the case is closed, deconfliction no longer calls it open.
        await PursueApi.PostAsync(prevent, $"/api/v1/prevent/cases/{id}/withdraw", new { reason = "Referred in error." });
        using var again = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        var later = await PursueApi.PostAsync(again, "/api/v1/deconfliction/checks", new { purpose = "Operation test: again", person = new { givenName = "Ottilie", surname, dateOfBirth = "2001-07-14" } });
        Assert.Empty(Assert.Single(later.GetProperty("hits").EnumerateArray()).GetProperty("knownTo").EnumerateArray());
    }

    [Fact]
    public async Task AHiddenCase_AnswersExactlyLikeAMissingOne_AndTheRefusalIsAudited()
    {
        using var prevent = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var id = (await ReferAsync(prevent)).GetProperty("id").GetGuid();
        // A Prevent officer of another unit: the role, but not the team.
        await app.CreateUserAsync("prevent.london.access@vigil.example", Roles.PreventOfficer, "london", Classification.Secret,
            [await app.GroupIdAsync(PreventReferenceSeed.TeamGroupName("London"))]);
        using var other = await app.ApiClientAsync("prevent.london.access@vigil.example");
        var hidden = await other.GetAsync($"/api/v1/prevent/cases/{id}");
        var missing = await other.GetAsync($"/api/v1/prevent/cases/{Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await missing.Content.ReadAsStringAsync()), Problems.WithoutTrace(await hidden.Content.ReadAsStringAsync()));
        foreach (var (step, body) in new (string, object)[]
        {
            ("deconfliction", new { }), ("withdraw", new { reason = "Trying." }), ("consent", ParentConsent()),
            ("exit", new { exitedOn = "2026-11-28", reason = "Trying." }), ("gateway", new { finding = "ClearVulnerability", outcome = "NoFurtherAction", reason = "Trying." }),
        })
        {
            var post = await other.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/{step}", body);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        var listed = await other.GetFromJsonAsync<JsonElement>("/api/v1/prevent/cases?includeClosed=true&pageSize=200");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var refusals = await app.AsSystemAsync(db => db.AuditEntries.CountAsync(a => a.Action == "refused" && a.RecordId == id.ToString() && a.UserName == "prevent.london.access@vigil.example"));
        Assert.True(refusals >= 5, $"{refusals} refusals audited");
        Assert.Equal("Gateway", (await prevent.GetFromJsonAsync<JsonElement>($"/api/v1/prevent/cases/{id}")).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task PanelMembers_SeeOnlyTheCasesReferredToTheirOwnPanel_AndNothingOfPursue()
    {
        using var prevent = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        using var partner = await app.ApiClientAsync(DemoUsers.ChannelManchester);
        var atGateway = (await ReferAsync(prevent)).GetProperty("id").GetGuid();
        var ours = (await ReferAsync(prevent)).GetProperty("id").GetGuid();
        var bolton = (await ReferAsync(prevent, panel: "bolton")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/prevent/cases/{ours}")).StatusCode);
        await ToPanelAsync(prevent, ours);
        await ToPanelAsync(prevent, bolton);

        var seen = await PursueApi.ExpectAsync(await partner.GetAsync($"/api/v1/prevent/cases/{ours}"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("deconfliction").ValueKind);
        // The gateway's reasoning is police work: the panel sees that it happened, not why.
        Assert.Equal("", seen.GetProperty("gatewayReason").GetString());
        var gatewayLine = seen.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("what").GetString()!.StartsWith("Gateway:", StringComparison.Ordinal));
        Assert.Equal("", gatewayLine.GetProperty("detail").GetString());
        var policeView = await prevent.GetFromJsonAsync<JsonElement>($"/api/v1/prevent/cases/{ours}");
        Assert.Contains("Clear vulnerability", policeView.GetProperty("gatewayReason").GetString());
        Assert.False(seen.GetProperty("youArePolice").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/v1/subjects/{seen.GetProperty("subjectId").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/prevent/cases/{atGateway}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/prevent/cases/{bolton}")).StatusCode);
        var list = await partner.GetFromJsonAsync<JsonElement>("/api/v1/prevent/cases?includeClosed=true&pageSize=200");
        var ids = list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(ours, ids);
        Assert.DoesNotContain(bolton, ids);
        Assert.DoesNotContain(atGateway, ids);
        var panels = await partner.GetFromJsonAsync<JsonElement>("/api/v1/prevent/panels");
        Assert.Equal(["manchester"], panels.EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync("/api/v1/prevent/panels/bolton")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync("/api/v1/prevent/panels/bolton/agenda")).StatusCode);

        // Police-only steps: the gateway and deconfliction.
        var gateway = await partner.PostAsJsonAsync($"/api/v1/prevent/cases/{ours}/deconfliction", new { });
        Assert.Equal(HttpStatusCode.Forbidden, gateway.StatusCode);
        // Nothing of Pursue or intelligence: investigations, deconfliction, the subject register beyond the case.
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync("/api/v1/investigations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "Just looking around", person = new { surname = "Anyone" } })).StatusCode);
        var subjects = await partner.GetFromJsonAsync<JsonElement>("/api/v1/subjects/?pageSize=200");
        Assert.All(subjects.GetProperty("items").EnumerateArray(), s => Assert.Equal("North West", s.GetProperty("owningUnit").GetString()));
        var theirs = await app.AsSystemAsync(async db =>
        {
            var panelGroup = await db.Set<ChannelPanel>().Where(p => p.Code == "manchester").Select(p => p.GroupId).SingleAsync();
            return await db.Set<Vigil.Web.Subjects.Subject>().IgnoreQueryFilters().CountAsync(s => s.NeedToKnow.Any(g => g.GroupId == panelGroup));
        });
        Assert.Equal(theirs, subjects.GetProperty("total").GetInt32());

        // The panel member does the panel's work.
        var meeting = await MeetingAsync(partner);
        await StepAsync(partner, ours, "information", new { agency = "Manchester City Council", summary = "Known to early help; family engaged." });
        await StepAsync(partner, ours, "assessments", Assessment(meeting));
    }

    [Fact]
    public async Task PanelMembership_GrantsAndRevokesSight_OnTheNextRequest()
    {
        using var prevent = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var id = (await ReferAsync(prevent)).GetProperty("id").GetGuid();
        await ToPanelAsync(prevent, id);
        var userId = await app.CreateUserAsync("health.panel@vigil.example", Roles.ChannelPanelMember, null, Classification.Official, partnerCode: "la-manchester");
        using var health = await app.ApiClientAsync("health.panel@vigil.example");
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/prevent/cases/{id}")).StatusCode);

        var added = await PursueApi.PostAsync(prevent, "/api/v1/prevent/panels/manchester/members", new { email = "health.panel@vigil.example", represents = "Health (NHS trust)", isChair = false });
        Assert.Contains(added.GetProperty("members").EnumerateArray(), m => m.GetProperty("userId").GetGuid() == userId);
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync($"/api/v1/prevent/cases/{id}")).StatusCode);
        // A member who does not manage the panel cannot change it.
        Assert.Equal(HttpStatusCode.Forbidden, (await health.PostAsJsonAsync("/api/v1/prevent/panels/manchester/members", new { email = "sio.northwest@vigil.example", represents = "Nobody", isChair = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await prevent.DeleteAsync($"/api/v1/prevent/panels/manchester/members/{userId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync($"/api/v1/prevent/cases/{id}")).StatusCode);
        // Members are partner agencies' panel members or the area's Prevent officers: never a Pursue officer,
        // even of the serving unit (they would see the people of the panel's cases), and the answer is the
        // same whether or not the account exists.
        using var chair = await app.ApiClientAsync(DemoUsers.ChannelManchester);
        var answers = new List<string>();
        foreach (var email in new[] { DemoUsers.InvestigatorNorthWest, DemoUsers.SioLondon, "nobody.at.all@vigil.example" })
        {
            var refused = await PursueApi.ExpectAsync(await chair.PostAsJsonAsync("/api/v1/prevent/panels/manchester/members", new { email, represents = "Police", isChair = false }), HttpStatusCode.BadRequest);
            answers.Add(PursueApi.Errors(refused));
        }
        Assert.Single(answers.Distinct());
        Assert.Contains("cannot be added", answers[0]);
        using var investigator = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync($"/api/v1/prevent/cases/{id}")).StatusCode);
    }

    [Fact]
    public async Task Merging_RecordsLabelledDifferently_IsRefused_SoNothingReachesThePanel()
    {
        using var prevent = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var made = await ReferAsync(prevent);
        var person = made.GetProperty("subjectId").GetGuid();
        await ToPanelAsync(prevent, made.GetProperty("id").GetGuid());
        var other = await PursueApi.PostAsync(prevent, "/api/v1/subjects", new { givenName = "Unit", surname = UniqueSurname("Record"), classification = "Official", acknowledgedCandidates = true }, HttpStatusCode.Created);
        var merge = await PursueApi.ExpectAsync(await prevent.PostAsJsonAsync($"/api/v1/subjects/{person}/merge", new { duplicate = other.GetProperty("id").GetGuid(), purpose = "Same person, I think." }), HttpStatusCode.BadRequest);
        Assert.Contains("labelled differently", PursueApi.Errors(merge));
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Subject>().CountAsync(s => s.MergedIntoId == person)));
    }

    [Fact]
    public async Task TheGatewayCheck_FlagsALiveInvestigation_WithoutNamingIt()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        var surname = UniqueSurname("Vantablack");
        var investigation = await PursueApi.OpenAsync(sio);
        var operation = investigation.GetProperty("operationName").GetString()!;
        await PursueApi.PostAsync(sio, $"/api/v1/investigations/{investigation.GetProperty("id").GetGuid()}/subjects", new
        {
            role = "Suspect", person = new { givenName = "Marisol", surname, dateOfBirth = "1999-02-02", classification = "Secret", acknowledgedCandidates = true },
        }, HttpStatusCode.Created);

        using var prevent = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var made = (await PursueApi.ExpectAsync(await prevent.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname, givenName: "Marisol", dateOfBirth: "1999-02-02")), HttpStatusCode.Created)).GetProperty("case");
        var checkedCase = await PursueApi.PostAsync(prevent, $"/api/v1/prevent/cases/{made.GetProperty("id").GetGuid()}/deconfliction", new { });
        var summary = checkedCase.GetProperty("deconfliction").GetString()!;
        Assert.StartsWith("LIVE INVESTIGATION", summary);
        Assert.Contains(SubjectInvolvements.LiveInvestigation, summary);
        Assert.Contains("A record held by North West", summary);
        Assert.DoesNotContain("Marisol", summary);
        Assert.DoesNotContain(operation, checkedCase.ToString());
    }
}
