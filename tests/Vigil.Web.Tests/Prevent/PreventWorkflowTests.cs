using System.Text.Json;
using Vigil.Web.Prevent;
using Vigil.Web.Tests.Pursue;
using static Vigil.Web.Tests.Prevent.PreventApi;

namespace Vigil.Web.Tests.Prevent;

/// <summary>The Channel process through the API: referral, gateway, panel, consent, support, exit,
/// reviews after exit, re-opening and withdrawal, and the rules that refuse a step out of turn.</summary>
public sealed class PreventWorkflowTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static string Stage(JsonElement c) => c.GetProperty("stage").GetString()!;

    private static async Task<JsonElement> CaseAsync(HttpClient api, Guid id) =>
        await PursueApi.ExpectAsync(await api.GetAsync($"/api/v1/prevent/cases/{id}"), HttpStatusCode.OK);

    [Fact]
    public async Task AReferral_GoesThroughGatewayPanelConsentSupportExitAndReviews()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        // A name and date of birth no other test in this class uses, so the check finds nobody else.
        var made = (await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals",
            Referral(UniqueSurname("Zephyrine"), givenName: "Oluwaseun", dateOfBirth: "2010-07-19")), HttpStatusCode.Created)).GetProperty("case");
        var id = made.GetProperty("id").GetGuid();
        Assert.Equal("Gateway", Stage(made));
        Assert.True(made.GetProperty("isChild").GetBoolean());
        Assert.Equal("2026-12-03", made.GetProperty("gatewayDue").GetString());
        // A random reference, never a count that would tell how many referrals came in between.
        Assert.Matches(@"^PRV-2026-[0-9A-HJKMNP-TV-Z]{7}$", made.GetProperty("reference").GetString());

        var due = await api.GetFromJsonAsync<JsonElement>("/api/v1/prevent/queues/assessments-due");
        Assert.Contains(due.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        var atPanel = await ToPanelAsync(api, id);
        Assert.Equal("Panel", Stage(atPanel));
        Assert.Contains("No other record", atPanel.GetProperty("deconfliction").GetString());
        var agenda = await api.GetFromJsonAsync<JsonElement>("/api/v1/prevent/panels/manchester/agenda");
        Assert.Contains(agenda.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        var meeting = await MeetingAsync(api);
        await StepAsync(api, id, "information", new { agency = "Example Academy", summary = "Attendance has fallen; teachers are worried." });
        var assessed = await StepAsync(api, id, "assessments", Assessment(meeting, judgement: "NotKnown"));
        var vaf = assessed.GetProperty("assessments")[0];
        Assert.Equal(22, vaf.GetProperty("judgements").GetArrayLength());
        Assert.Equal(13, vaf.GetProperty("judgements").EnumerateArray().Count(j => j.GetProperty("dimension").GetString() == "Engagement"));
        await StepAsync(api, id, "consent", ParentConsent());
        var adopted = await StepAsync(api, id, "decisions", new { meetingId = meeting, decision = "Adopt", rationale = "Vulnerable; a mentor is the right support." });
        Assert.Equal("Support", Stage(adopted));

        await StepAsync(api, id, "review-interval", new { days = 14 });
        var supported = await StepAsync(api, id, "interventions", new { type = "InterventionProvider", provider = "Fictional Mentoring Ltd", startsOn = "2026-11-28" });
        var progress = Assert.Single(supported.GetProperty("reviews").EnumerateArray());
        Assert.Equal("Progress", progress.GetProperty("kind").GetString());
        Assert.Equal("2026-12-12", progress.GetProperty("dueOn").GetString());

        var exited = await StepAsync(api, id, "exit", new { exitedOn = "2026-11-28", reason = "Vulnerability significantly reduced.", withConcerns = false });
        Assert.Equal("Exited", Stage(exited));
        var reviews = exited.GetProperty("reviews").EnumerateArray().ToList();
        Assert.True(reviews.Single(r => r.GetProperty("kind").GetString() == "Progress").GetProperty("cancelled").GetBoolean());
        var six = reviews.Single(r => r.GetProperty("kind").GetString() == "SixMonth");
        Assert.Equal("2027-05-28", six.GetProperty("dueOn").GetString());
        Assert.Equal("2027-11-28", reviews.Single(r => r.GetProperty("kind").GetString() == "TwelveMonth").GetProperty("dueOn").GetString());

        var soon = await api.GetFromJsonAsync<JsonElement>("/api/v1/prevent/queues/reviews-due?withinDays=30");
        Assert.DoesNotContain(soon.EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == id);
        var halfYear = await api.GetFromJsonAsync<JsonElement>("/api/v1/prevent/queues/reviews-due?withinDays=200");
        Assert.Contains(halfYear.EnumerateArray(), r => r.GetProperty("reviewId").GetGuid() == six.GetProperty("id").GetGuid());

        // The 12-month review closes the case only once the 6-month one is done.
        var twelve = reviews.Single(r => r.GetProperty("kind").GetString() == "TwelveMonth").GetProperty("id").GetGuid();
        var done = new { completedOn = "2026-11-28", notes = "Settled at college; no concerns.", concernsRemain = false };
        Assert.Equal("Exited", Stage(await StepAsync(api, id, $"reviews/{twelve}", done)));
        var closed = await StepAsync(api, id, $"reviews/{six.GetProperty("id").GetGuid()}", done);
        Assert.Equal("Exited", Stage(closed));
        var history = closed.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("what").GetString()).ToList();
        Assert.Equal(["Referral recorded", "Deconfliction check", "Gateway: Referred to the Channel panel", "Information gathered", "Vulnerability assessment recorded",
            "Consent given", "Panel: Adopted as a Channel case", "Review interval set", "Support added", "Left Channel", "12-month review recorded", "6-month review recorded"], history);

        var reopened = await StepAsync(api, id, "reopen", new { reason = "New concerns reported by the college." });
        Assert.Equal("Panel", Stage(reopened));
        Assert.DoesNotContain(reopened.GetProperty("reviews").EnumerateArray(), r => r.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task TwelveMonthReview_AfterTheSixMonth_ClosesTheCase()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var (id, _) = await AdoptedAsync(api);
        var exited = await StepAsync(api, id, "exit", new { exitedOn = "2026-11-28", reason = "Support complete.", withConcerns = true });
        Assert.True(exited.GetProperty("exitWithConcerns").GetBoolean());
        var reviews = exited.GetProperty("reviews").EnumerateArray().Where(r => !r.GetProperty("cancelled").GetBoolean()).ToDictionary(r => r.GetProperty("kind").GetString()!, r => r.GetProperty("id").GetGuid());
        var done = new { completedOn = "2026-11-28", notes = "Reviewed with the family.", concernsRemain = false };
        await StepAsync(api, id, $"reviews/{reviews["SixMonth"]}", done);
        var closed = await StepAsync(api, id, $"reviews/{reviews["TwelveMonth"]}", done);
        Assert.Equal("Closed", Stage(closed));
        Assert.Equal("ReviewsComplete", closed.GetProperty("closure").GetString());
        var again = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/reviews/{reviews["SixMonth"]}", done), HttpStatusCode.Conflict);
        Assert.Contains("already", again.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GatewayOutcomes_NoFurtherActionAndSignposting_CloseTheCaseWithTheirReason()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var nfa = (await ReferAsync(api)).GetProperty("id").GetGuid();
        var early = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{nfa}/gateway", new { finding = "NotAppropriateForChannel", outcome = "NoFurtherAction", reason = "No radicalisation concern." }), HttpStatusCode.Conflict);
        Assert.Contains("deconfliction", early.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await PursueApi.PostAsync(api, $"/api/v1/prevent/cases/{nfa}/deconfliction", new { });
        var closed = await StepAsync(api, nfa, "gateway", new { finding = "NotAppropriateForChannel", outcome = "NoFurtherAction", reason = "No radicalisation concern." });
        Assert.Equal("NoFurtherAction", closed.GetProperty("closure").GetString());

        var signposted = (await ReferAsync(api)).GetProperty("id").GetGuid();
        await PursueApi.PostAsync(api, $"/api/v1/prevent/cases/{signposted}/deconfliction", new { });
        var missing = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{signposted}/gateway", new { finding = "PossibleVulnerability", outcome = "Signposted", reason = "Mental health needs." }), HttpStatusCode.BadRequest);
        Assert.Contains("signposted", PursueApi.Errors(missing));
        var done = await StepAsync(api, signposted, "gateway", new { finding = "PossibleVulnerability", outcome = "Signposted", signpostedTo = "Child and adolescent mental health services", reason = "Mental health needs." });
        Assert.Equal("Signposted", done.GetProperty("closure").GetString());
        Assert.Equal("Child and adolescent mental health services", done.GetProperty("signpostedTo").GetString());
        var twice = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{signposted}/gateway", new { finding = "ClearVulnerability", outcome = "ReferredToChannel", reason = "Changed mind." }), HttpStatusCode.Conflict);
        Assert.Contains("already", twice.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AdoptingWithoutConsent_IsRefused_AndTheCaseStaysBeforeThePanel()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var id = (await ReferAsync(api)).GetProperty("id").GetGuid();
        await ToPanelAsync(api, id);
        var meeting = await MeetingAsync(api);
        var adopt = new { meetingId = meeting, decision = "Adopt", rationale = "Vulnerable; support needed." };
        var noVaf = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/decisions", adopt), HttpStatusCode.Conflict);
        Assert.Contains("vulnerability assessment", noVaf.GetProperty("detail").GetString());
        await StepAsync(api, id, "assessments", Assessment(meeting));
        var noConsent = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/decisions", adopt), HttpStatusCode.Conflict);
        Assert.Contains("parent or guardian must give consent", noConsent.GetProperty("detail").GetString());

        // A child cannot consent for themselves; a refusal is recorded but does not allow adoption either.
        var child = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/consent",
            new { given = true, givenBy = "Person", name = "The child", on = "2026-11-28", method = "InPerson", hasCapacity = true }), HttpStatusCode.BadRequest);
        Assert.Contains("parent or guardian", PursueApi.Errors(child));
        await StepAsync(api, id, "consent", new { given = false, givenBy = "ParentOrGuardian", name = "Fictional Parent", relationship = "Father", on = "2026-11-28", method = "Telephone", hasCapacity = false });
        await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/decisions", adopt), HttpStatusCode.Conflict);
        var future = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/consent", ParentConsent(on: "2026-12-25")), HttpStatusCode.BadRequest);
        Assert.Contains("future", PursueApi.Errors(future));

        var now = await CaseAsync(api, id);
        Assert.Equal("Panel", Stage(now));
        Assert.False(now.GetProperty("hasValidConsent").GetBoolean());
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<PanelDiscussion>().CountAsync(d => d.CaseId == id)));

        // Not adopting needs the alternative support, then closes the case.
        var bare = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/decisions", new { meetingId = meeting, decision = "NotAdopt", rationale = "Family declined." }), HttpStatusCode.BadRequest);
        Assert.Contains("other support", PursueApi.Errors(bare));
        var notAdopted = await StepAsync(api, id, "decisions", new { meetingId = meeting, decision = "NotAdopt", rationale = "Family declined.", alternativeSupport = "Early help from children's services." });
        Assert.Equal("NotAdopted", notAdopted.GetProperty("closure").GetString());
    }

    [Fact]
    public async Task ASupportPlan_OnAClosedCase_IsRefused_AndNothingIsAdded()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var (id, _) = await AdoptedAsync(api);
        var withdrawn = await StepAsync(api, id, "withdraw", new { reason = "The family moved abroad." });
        Assert.Equal("Withdrawn", withdrawn.GetProperty("closure").GetString());
        var refused = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/interventions",
            new { type = "Education", provider = "Fictional College", startsOn = "2026-11-28" }), HttpStatusCode.Conflict);
        Assert.Contains("re-open", refused.GetProperty("detail").GetString());
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<Intervention>().CountAsync(i => i.CaseId == id)));
        var ends = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/withdraw", new { reason = "Again." }), HttpStatusCode.Conflict);
        Assert.Contains("already closed", ends.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnlistedValuesAndBrokenBodies_GetA400_AndChangeNothing()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var id = (await ReferAsync(api)).GetProperty("id").GetGuid();
        await PursueApi.PostAsync(api, $"/api/v1/prevent/cases/{id}/deconfliction", new { });
        // A combination of names is not a value: it would slip past the rule "not appropriate cannot go to Channel".
        var combined = await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/gateway", new { finding = "PossibleVulnerability, NotAppropriateForChannel", outcome = "Signposted, ReferredToChannel", reason = "Trying a combination." });
        Assert.Equal(HttpStatusCode.BadRequest, combined.StatusCode);
        using var anonymous = app.CreateClient();
        var sector = await anonymous.PostAsJsonAsync("/api/v1/prevent/public-referrals", Referral(UniqueSurname(), sector: "Other, Police"));
        Assert.Equal(HttpStatusCode.BadRequest, sector.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/prevent/submissions")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/prevent/cases?stage=99")).StatusCode);

        await StepAsync(api, id, "gateway", new { finding = "ClearVulnerability", outcome = "ReferredToChannel", reason = "Clear vulnerability." });
        var meeting = await MeetingAsync(api);
        var nulls = await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/assessments", new { meetingId = meeting, assessedOn = "2026-11-28", judgements = new object?[] { null }, engagementSummary = "x", intentSummary = "x", capabilitySummary = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, nulls.StatusCode);
        // An adult with capacity consents themselves, not through a parent.
        var adult = (await ReferAsync(api, dateOfBirth: "1990-01-01")).GetProperty("id").GetGuid();
        await ToPanelAsync(api, adult);
        var parent = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{adult}/consent",
            new { given = true, givenBy = "ParentOrGuardian", name = "Fictional Mother", relationship = "Mother", on = "2026-11-28", method = "InPerson", hasCapacity = true }), HttpStatusCode.BadRequest);
        Assert.Contains("themselves", PursueApi.Errors(parent));
        var (supported, _) = await AdoptedAsync(api);
        var far = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{supported}/interventions", new { type = "Education", provider = "Fictional College", startsOn = "9999-12-31" }), HttpStatusCode.BadRequest);
        Assert.Contains("five years", PursueApi.Errors(far));
        var after = await CaseAsync(api, id);
        Assert.Equal("Panel", Stage(after));
        Assert.Equal(0, after.GetProperty("assessments").GetArrayLength());
    }

    [Fact]
    public async Task BadReferrals_GetClearMessages_AndMakeNothing()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var before = await app.AsSystemAsync(db => db.Set<PreventCase>().CountAsync());
        var surname = UniqueSurname();
        var future = await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname, dateOfBirth: "2027-01-01")), HttpStatusCode.BadRequest);
        Assert.Contains("Date of birth must be in the past", PursueApi.Errors(future));
        var concern = await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname, concernType: "no-such-concern")), HttpStatusCode.BadRequest);
        Assert.Contains("type of concern", PursueApi.Errors(concern));
        var elsewhere = await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname, panel: "cardiff")), HttpStatusCode.BadRequest);
        Assert.Contains("another unit", PursueApi.Errors(elsewhere));
        var empty = await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("Say what prompted the referral", PursueApi.Errors(empty));
        Assert.Equal(before, await app.AsSystemAsync(db => db.Set<PreventCase>().CountAsync()));
    }

    [Fact]
    public async Task ASecondReferralOfTheSamePerson_IsOfferedTheOpenCase_AndCanJoinIt()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var surname = UniqueSurname();
        var first = (await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname)), HttpStatusCode.Created)).GetProperty("case");
        var offered = await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname.ToUpperInvariant(), givenName: "robin", sector: "Health")), HttpStatusCode.Conflict);
        var open = Assert.Single(offered.GetProperty("openCases").EnumerateArray());
        Assert.Equal(first.GetProperty("id").GetGuid(), open.GetProperty("id").GetGuid());
        var cases = await app.AsSystemAsync(db => db.Set<PreventCase>().CountAsync());

        var joined = await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname, sector: "Health", extra: new { joinCase = first.GetProperty("id").GetGuid() })), HttpStatusCode.OK);
        Assert.True(joined.GetProperty("joined").GetBoolean());
        Assert.Equal(2, joined.GetProperty("case").GetProperty("referrals").GetArrayLength());
        Assert.Equal(cases, await app.AsSystemAsync(db => db.Set<PreventCase>().CountAsync()));

        // Someone else with the same name: recorded as a new case when the officer says so.
        var other = await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname, extra: new { notTheSamePerson = true })), HttpStatusCode.Created);
        Assert.NotEqual(first.GetProperty("id").GetGuid(), other.GetProperty("case").GetProperty("id").GetGuid());
        // A different date of birth is a different person: no offer.
        await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname, dateOfBirth: "1990-05-05")), HttpStatusCode.Created);
    }

    [Fact]
    public async Task ThePublicForm_TakesAReferralAnonymously_ForTheAreasTeamToAccept()
    {
        using var anonymous = app.CreateClient();
        var surname = UniqueSurname();
        var body = Referral(surname, sector: "FriendsAndFamily");
        var receipt = await PursueApi.ExpectAsync(await anonymous.PostAsJsonAsync("/api/v1/prevent/public-referrals", body), HttpStatusCode.Accepted);
        Assert.StartsWith("R-", receipt.GetProperty("reference").GetString());
        Assert.DoesNotContain(surname, receipt.ToString());
        var bad = await PursueApi.ExpectAsync(await anonymous.PostAsJsonAsync("/api/v1/prevent/public-referrals", Referral(surname, extra: new { referrerContact = "" })), HttpStatusCode.BadRequest);
        Assert.Contains("contact you", PursueApi.Errors(bad));
        var peek = await anonymous.GetAsync("/api/v1/prevent/submissions");
        Assert.True(peek.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"anonymous read of submissions: {(int)peek.StatusCode}");

        using var officer = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var queue = await officer.GetFromJsonAsync<JsonElement>("/api/v1/prevent/submissions");
        var submission = queue.EnumerateArray().Single(s => s.GetProperty("surname").GetString() == surname);
        var accepted = await PursueApi.ExpectAsync(await officer.PostAsJsonAsync($"/api/v1/prevent/submissions/{submission.GetProperty("id").GetGuid()}/accept", new { }), HttpStatusCode.Created);
        var made = accepted.GetProperty("case");
        Assert.True(made.GetProperty("referrals")[0].GetProperty("fromPublicForm").GetBoolean());
        Assert.Equal("FriendsAndFamily", made.GetProperty("sector").GetString());
        var after = await officer.GetFromJsonAsync<JsonElement>("/api/v1/prevent/submissions");
        Assert.DoesNotContain(after.EnumerateArray(), s => s.GetProperty("surname").GetString() == surname);
        await PursueApi.ExpectAsync(await officer.PostAsJsonAsync($"/api/v1/prevent/submissions/{submission.GetProperty("id").GetGuid()}/accept", new { }), HttpStatusCode.Conflict);

        // The panel's partner member never sees the unscreened submissions.
        using var partner = await app.ApiClientAsync(DemoUsers.ChannelManchester);
        var theirs = await partner.GetFromJsonAsync<JsonElement>("/api/v1/prevent/submissions");
        Assert.Equal(0, theirs.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/prevent/submissions/{submission.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task AStepTakenOnAStaleCopy_IsRefused_AndChangesNothing()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var id = (await ReferAsync(api)).GetProperty("id").GetGuid();
        var read = (await ToPanelAsync(api, id)).GetProperty("version").GetGuid();

        // Two officers read the same case; the first adds what an agency said, with the version read.
        var first = await StepAsync(api, id, "information", new { agency = "Fictional Children's Services", summary = "Known to the family support team.", version = read });
        Assert.NotEqual(read, first.GetProperty("version").GetGuid());
        Assert.Single(first.GetProperty("information").EnumerateArray());

        // The second, still holding the old version, is refused: nothing is applied.
        var stale = await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/cases/{id}/withdraw", new { reason = "Family moved away.", version = read }), HttpStatusCode.Conflict);
        Assert.Contains("changed this case first", stale.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await CaseAsync(api, id);
        Assert.Equal("Panel", Stage(after));
        Assert.Equal(first.GetProperty("version").GetGuid(), after.GetProperty("version").GetGuid());

        // With the version now read, the step goes through.
        Assert.Equal("Closed", Stage(await StepAsync(api, id, "withdraw", new { reason = "Family moved away.", version = after.GetProperty("version").GetGuid() })));
    }
}

