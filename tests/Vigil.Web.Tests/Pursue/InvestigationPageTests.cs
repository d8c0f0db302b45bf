using System.Text.Json;
using AngleSharp.Html.Dom;
using Vigil.Web.Platform.Security;
using Vigil.Web.Pursue;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Pursue;

/// <summary>The Pursue pages as an officer uses them: the caseload, opening an investigation, its overview
/// (phases and team), actions from raising to filing, the queue, and the policy file. The API sets the
/// scene; the pages are what is tested.</summary>
public sealed class InvestigationPageTests(VigilApp app) : IClassFixture<VigilApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private static string Text(IHtmlDocument document, string testId) =>
        document.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? throw new InvalidOperationException($"No [data-testid={testId}]");

    /// <summary>The names of the Blazor forms on the page.</summary>
    private static IReadOnlyList<string> FormNames(IHtmlDocument document) =>
        document.QuerySelectorAll("form input[name=_handler]").Select(i => i.GetAttribute("value")!).ToList();

    /// <summary>The hidden fields (the version read) of the named form as the page rendered it.</summary>
    private static async Task<Dictionary<string, string>> HiddenFieldsAsync(PageClient page, string url, string formName)
    {
        var (_, document) = await page.GetAsync(url);
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);
        return form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Where(i => i.Name is not ("_handler" or "__RequestVerificationToken"))
            .ToDictionary(i => i.Name!, i => i.Value);
    }

    private static async Task<HttpResponseMessage> SubmitWithHiddenAsync(PageClient page, string url, string formName, Dictionary<string, string> fields)
    {
        var values = await HiddenFieldsAsync(page, url, formName);
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }
        return await page.SubmitAsync(url, formName, values);
    }

    private async Task<(Guid Id, string Name)> OpenByApiAsync(string stem, string risk = "Medium")
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var name = UniqueOperation(stem);
        var opened = await OpenAsync(sio, name, risk: risk);
        return (opened.GetProperty("id").GetGuid(), name);
    }

    private async Task<Guid> UserIdAsync(string email) =>
        await app.AsSystemAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task OpenForm_Valid_RedirectsToTheInvestigationAndItIsInTheCaseload()
    {
        var page = await app.SignInAsync(DemoUsers.SioLondon);
        var (_, list) = await page.GetAsync("/investigations");
        Assert.NotNull(list.QuerySelector("[data-testid=open-investigation]"));

        var response = await page.SubmitAsync("/investigations/new", "open", new()
        {
            ["Input.OperationName"] = "PAGEWREN",
            ["Input.Summary"] = "Fictional: opened through the page.",
            ["Input.Lead"] = "Joint",
            ["Input.ThreatType"] = "extreme-right-wing",
            ["Input.Activities"] = "attack-planning",
            ["Input.Risk"] = "High",
            ["Input.Classification"] = "Secret",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = PageClient.PathOf(response);
        Assert.Matches("^/investigations/[0-9a-f-]{36}$", path);

        var (view, document) = await page.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("Operation PAGEWREN", Text(document, "operation-name"));
        Assert.Equal("Senior Investigating Officer", Text(document, "your-role"));
        Assert.Equal("SECRET", Text(document, "marking"));
        Assert.Contains("Executive Liaison Group", Text(document, "elg-notice"), StringComparison.Ordinal);

        var (_, caseload) = await page.GetAsync("/investigations");
        var link = caseload.QuerySelectorAll("[data-testid=caseload] a").Single(a => a.TextContent == "Operation PAGEWREN");
        Assert.Equal(path, link.GetAttribute("href"));

        // Someone outside the team does not see it, in the caseload or at its address.
        var outsider = await app.SignInAsync(DemoUsers.InvestigatorLondon);
        var (_, theirs) = await outsider.GetAsync("/investigations");
        Assert.DoesNotContain("Operation PAGEWREN", theirs.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).Response.StatusCode);
    }

    [Fact]
    public async Task OpenForm_MissingFields_ShowsErrorSummaryAndSavesNothing()
    {
        var page = await app.SignInAsync(DemoUsers.InvestigatorLondon);
        var before = await app.AsSystemAsync(db => db.Set<Investigation>().IgnoreQueryFilters().CountAsync());
        var response = await page.SubmitAsync("/investigations/new", "open", new() { ["Input.Summary"] = "No name, no lead, no threat, no risk." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.DocumentAsync(response);
        var errors = Html.ErrorSummary(document);
        Assert.Contains("Enter the operation name", errors);
        Assert.Contains("Say who leads: MI5-led, joint or police only", errors);
        Assert.Contains("Choose the threat type", errors);
        Assert.Contains("Choose the risk level", errors);
        Assert.Equal("#OperationName", document.QuerySelectorAll(".govuk-error-summary a").First(a => a.TextContent == "Enter the operation name").GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("#OperationName-error"));
        Assert.Equal(before, await app.AsSystemAsync(db => db.Set<Investigation>().IgnoreQueryFilters().CountAsync()));

        // A classification above the officer's clearance is not offered.
        var (_, form) = await page.GetAsync("/investigations/new");
        Assert.NotNull(form.QuerySelector("#classification-Secret"));
        Assert.Null(form.QuerySelector("#classification-TopSecret"));

        // Only an SIO or investigator may open one: the form is not there for anyone else.
        var disclosure = await app.SignInAsync(DemoUsers.DisclosureLondon);
        Assert.Equal(HttpStatusCode.NotFound, (await disclosure.GetAsync("/investigations/new")).Response.StatusCode);
        var (_, theirList) = await disclosure.GetAsync("/investigations");
        Assert.Null(theirList.QuerySelector("[data-testid=open-investigation]"));
    }

    [Fact]
    public async Task PhaseForm_SkippingAPhaseIsRefused_TheNextPhaseIsAccepted()
    {
        var (id, _) = await OpenByApiAsync("PHASEPAGE");
        var page = await app.SignInAsync(DemoUsers.SioLondon);
        var url = $"/investigations/{id}";

        var skip = await SubmitWithHiddenAsync(page, url, "move", new() { ["Move.To"] = "Charge", ["Move.Reason"] = "Straight to charge, please" });
        Assert.Equal(HttpStatusCode.OK, skip.StatusCode);
        var refused = await Html.DocumentAsync(skip);
        Assert.Contains(Html.ErrorSummary(refused), e => e.Contains("can only move to Investigation", StringComparison.Ordinal));
        var (_, unchanged) = await page.GetAsync(url);
        Assert.Equal("Intelligence development", Text(unchanged, "phase"));

        var noReason = await SubmitWithHiddenAsync(page, url, "move", new() { ["Move.To"] = "Investigation", ["Move.Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Give the reason for this change", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var next = await SubmitWithHiddenAsync(page, url, "move", new() { ["Move.To"] = "Investigation", ["Move.Reason"] = "Enough to open a formal investigation" });
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal($"{url}?done=move", PageClient.PathOf(next));
        var (_, moved) = await page.GetAsync(PageClient.PathOf(next));
        Assert.Contains("The investigation moved to its next phase", Text(moved, "done"), StringComparison.Ordinal);
        Assert.Equal("Investigation", Text(moved, "phase"));
        var history = moved.QuerySelectorAll("[data-testid=phase-history] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(history, r => r.Contains("Enough to open a formal investigation", StringComparison.Ordinal) && r.Contains("DCI Morgan Ellery", StringComparison.Ordinal));
        // The form offers the next phase from where it now is.
        Assert.Equal("ExecutiveAction", moved.QuerySelector("#move-to-next")!.GetAttribute("value"));

        // A stale copy of the page changes nothing.
        var stale = await page.SubmitAsync(url, "move", new() { ["Move.To"] = "ExecutiveAction", ["Move.Reason"] = "Arrests planned today", ["Move.Version"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed this investigation first", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Phase.Investigation, await app.AsSystemAsync(db => db.Set<Investigation>().IgnoreQueryFilters().Where(i => i.Id == id).Select(i => i.Phase).SingleAsync()));

        // Closing hides the form.
        var close = await SubmitWithHiddenAsync(page, url, "move", new() { ["Move.To"] = "Closed", ["Move.Reason"] = "No further lines to pursue" });
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        var (_, closed) = await page.GetAsync(url);
        Assert.Equal("Closed", Text(closed, "phase"));
        Assert.DoesNotContain("move", FormNames(closed));
    }

    [Fact]
    public async Task TeamForms_AddingGivesAccess_RemovingTakesItAwayAtOnce()
    {
        var (id, _) = await OpenByApiAsync("TEAMPAGE");
        var sio = await app.SignInAsync(DemoUsers.SioLondon);
        var investigator = await app.SignInAsync(DemoUsers.InvestigatorLondon);
        var url = $"/investigations/{id}";
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync(url)).Response.StatusCode);

        var unknown = await sio.SubmitAsync(url, "add-member", new() { ["Member.Email"] = "nobody@vigil.example", ["Member.Role"] = "Officer" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("There is no active officer with that e-mail", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var added = await sio.SubmitAsync(url, "add-member", new() { ["Member.Email"] = DemoUsers.InvestigatorLondon, ["Member.Role"] = "Officer" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (view, theirs) = await investigator.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("Officer", Text(theirs, "your-role"));
        // An officer does not command: no team or phase forms for them.
        Assert.Empty(FormNames(theirs));
        var (_, caseload) = await investigator.GetAsync("/investigations?mine=true");
        Assert.Contains(caseload.QuerySelectorAll("[data-testid=caseload] a"), a => a.GetAttribute("href") == url);

        var userId = await UserIdAsync(DemoUsers.InvestigatorLondon);
        var (_, sioView) = await sio.GetAsync(url);
        Assert.Equal(2, sioView.QuerySelectorAll("[data-testid=team-member]").Length);
        var removed = await sio.SubmitAsync(url, $"remove-{userId}", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync(url)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync($"{url}/actions")).Response.StatusCode);

        // The last member cannot be removed.
        var me = await UserIdAsync(DemoUsers.SioLondon);
        var last = await sio.SubmitAsync(url, $"remove-{me}", []);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Contains("The last member of the team cannot be removed", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionPages_RaiseAllocateResultReviewFile()
    {
        var (id, _) = await OpenByApiAsync("ACTIONPAGE");
        using (var api = await app.ApiClientAsync(DemoUsers.SioLondon))
        {
            await AddMemberAsync(api, id, DemoUsers.InvestigatorLondon, "Officer");
        }
        var sio = await app.SignInAsync(DemoUsers.SioLondon);
        var investigator = await app.SignInAsync(DemoUsers.InvestigatorLondon);
        var list = $"/investigations/{id}/actions";

        var (_, empty) = await sio.GetAsync(list);
        Assert.NotNull(empty.QuerySelector("[data-testid=empty]"));
        Assert.Equal(HttpStatusCode.Redirect, (await sio.SubmitAsync(list, "add-line", new() { ["Line.Title"] = "Purchases of precursor chemicals" })).StatusCode);
        var raised = await sio.SubmitAsync(list, "raise", new()
        {
            ["Raise.Title"] = "Obtain CCTV from the hardware shop",
            ["Raise.Description"] = "Fictional.",
            ["Raise.Priority"] = "High",
            ["Raise.DueDate.Day"] = Today.AddDays(3).Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Raise.DueDate.Month"] = Today.AddDays(3).Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Raise.DueDate.Year"] = Today.AddDays(3).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Raise.LineOfEnquiry"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);

        // As a browser sends it: every field, the optional ones empty.
        var noTitle = await sio.SubmitAsync(list, "raise", new()
        {
            ["Raise.Title"] = "", ["Raise.Description"] = "", ["Raise.Priority"] = "Medium", ["Raise.DueDate.Day"] = "", ["Raise.DueDate.Month"] = "", ["Raise.DueDate.Year"] = "", ["Raise.LineOfEnquiry"] = "", ["Raise.AllocateTo"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, noTitle.StatusCode);
        var noTitleErrors = Html.ErrorSummary((await Html.DocumentAsync(noTitle)));
        Assert.Equal(["Enter what the action is"], noTitleErrors);

        var (_, listed) = await sio.GetAsync(list);
        var row = Assert.Single(listed.QuerySelectorAll("[data-testid=action-row]"));
        Assert.Contains("Purchases of precursor chemicals", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Raised", row.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        var link = row.QuerySelector("a")!;
        Assert.Equal("A1", link.TextContent.Trim());
        var actionUrl = link.GetAttribute("href")!;
        Assert.Contains("(1 open action)", Text(listed, "lines"), StringComparison.Ordinal);

        // The officer sees the action but none of the SIO's forms.
        var (_, officerView) = await investigator.GetAsync(actionUrl);
        Assert.Empty(FormNames(officerView));

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitWithHiddenAsync(sio, actionUrl, "allocate", new() { ["Allocate.AllocateTo"] = DemoUsers.InvestigatorLondon })).StatusCode);
        var (_, allocated) = await investigator.GetAsync(actionUrl);
        Assert.Equal("Allocated", Text(allocated, "state"));
        Assert.Equal("DS Rowan Achebe", Text(allocated, "allocated-to"));
        Assert.Equal(["result"], FormNames(allocated));

        var blank = await SubmitWithHiddenAsync(investigator, actionUrl, "result", new() { ["Outcome.Result"] = " " });
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Enter the result of the action", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitWithHiddenAsync(investigator, actionUrl, "result", new() { ["Outcome.Result"] = "CCTV seized as RA/1" })).StatusCode);

        // Sent back without a note is refused; accepted, then filed.
        var noNote = await SubmitWithHiddenAsync(sio, actionUrl, "review", new() { ["Review.Accept"] = "false" });
        Assert.Contains("Say what more is needed", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitWithHiddenAsync(sio, actionUrl, "review", new() { ["Review.Accept"] = "true", ["Review.Note"] = "Good work" })).StatusCode);
        var (_, reviewed) = await sio.GetAsync(actionUrl);
        Assert.Equal("Reviewed", Text(reviewed, "state"));
        Assert.Equal(["file"], FormNames(reviewed));
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitWithHiddenAsync(sio, actionUrl, "file", [])).StatusCode);

        var (_, filed) = await sio.GetAsync(actionUrl);
        Assert.Equal("Filed", Text(filed, "state"));
        Assert.Equal("CCTV seized as RA/1", Text(filed, "result").Split(" (")[0]);
        Assert.Empty(FormNames(filed));
        var (_, openOnly) = await sio.GetAsync($"{list}?open=true");
        Assert.NotNull(openOnly.QuerySelector("[data-testid=empty]"));
        var (_, byState) = await sio.GetAsync($"{list}?state=Filed");
        Assert.Single(byState.QuerySelectorAll("[data-testid=action-row]"));
    }

    [Fact]
    public async Task ActionPage_StaleVersion_ShowsConflictAndChangesNothing()
    {
        var (id, _) = await OpenByApiAsync("STALEPAGE");
        using var api = await app.ApiClientAsync(DemoUsers.SioLondon);
        await AddMemberAsync(api, id, DemoUsers.InvestigatorLondon, "Officer");
        await AddMemberAsync(api, id, DemoUsers.DisclosureLondon, "DisclosureOfficer");
        var action = await PostAsync(api, $"/api/v1/investigations/{id}/actions", new { title = "House-to-house enquiries", allocateTo = DemoUsers.InvestigatorLondon }, HttpStatusCode.Created);
        var actionId = action.GetProperty("id").GetGuid();
        var url = $"/investigations/{id}/actions/{actionId}";

        var sio = await app.SignInAsync(DemoUsers.SioLondon);
        var read = await HiddenFieldsAsync(sio, url, "allocate");
        Assert.Equal(action.GetProperty("version").GetGuid().ToString(), read["Allocate.Version"]);

        // Someone else re-allocates it first.
        var changed = await PostAsync(api, $"/api/v1/investigations/{id}/actions/{actionId}/allocate", new { version = action.GetProperty("version").GetGuid(), allocateTo = DemoUsers.DisclosureLondon });

        var response = await sio.SubmitAsync(url, "allocate", new() { ["Allocate.Version"] = read["Allocate.Version"], ["Allocate.AllocateTo"] = DemoUsers.InvestigatorLondon });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.DocumentAsync(response);
        Assert.Contains("Someone else changed this action first", Text(document, "conflict"), StringComparison.Ordinal);
        Assert.Equal("DC Sam Okonkwo-Hart", Text(document, "allocated-to"));

        var now = await api.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/actions/{actionId}");
        Assert.Equal(changed.GetProperty("version").GetGuid(), now.GetProperty("version").GetGuid());
        Assert.Equal("DC Sam Okonkwo-Hart", now.GetProperty("allocatedTo").GetString());
    }

    [Fact]
    public async Task PolicyFilePage_AddsNumberedEntries_NeverEditable()
    {
        var (id, _) = await OpenByApiAsync("POLICYPAGE");
        using (var api = await app.ApiClientAsync(DemoUsers.SioLondon))
        {
            await AddMemberAsync(api, id, DemoUsers.InvestigatorLondon, "Officer");
        }
        var sio = await app.SignInAsync(DemoUsers.SioLondon);
        var url = $"/investigations/{id}/policy-file";

        var (_, empty) = await sio.GetAsync(url);
        Assert.NotNull(empty.QuerySelector("[data-testid=empty]"));
        Assert.NotNull(empty.QuerySelector("[data-testid=print]"));
        Assert.Equal(HttpStatusCode.Redirect, (await sio.SubmitAsync(url, "add-entry", new() { ["Entry.Decision"] = "Covert phase continues", ["Entry.Rationale"] = "No imminent risk to the public" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await sio.SubmitAsync(url, "add-entry", new()
        {
            ["Entry.Decision"] = "Covert phase ends",
            ["Entry.Rationale"] = "Risk to the public now too high",
            ["Entry.Supersedes"] = "1",
        })).StatusCode);
        var missing = await sio.SubmitAsync(url, "add-entry", new() { ["Entry.Decision"] = "Something", ["Entry.Rationale"] = "Because", ["Entry.Supersedes"] = "9" });
        Assert.Contains("There is no policy entry 9 to supersede", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (_, file) = await sio.GetAsync(url);
        var entries = file.QuerySelectorAll("[data-testid=policy-entry]");
        Assert.Equal(2, entries.Length);
        Assert.Contains("Entry 1", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Superseded by entry 2", entries[0].QuerySelector("[data-testid=superseded-by]")!.TextContent.Trim());
        Assert.Equal("Supersedes entry 1", entries[1].QuerySelector("[data-testid=supersedes]")!.TextContent.Trim());
        Assert.Equal("Covert phase ends", entries[1].QuerySelector("[data-testid=decision]")!.TextContent.Trim());
        // The only form is the one that adds an entry; the entries themselves are text, not fields.
        Assert.Equal(["add-entry"], FormNames(file));
        Assert.Empty(file.QuerySelectorAll("[data-testid=policy-entries] input, [data-testid=policy-entries] textarea, [data-testid=policy-entries] form"));

        // A team member who does not command reads it but cannot write in it.
        var investigator = await app.SignInAsync(DemoUsers.InvestigatorLondon);
        var (_, theirs) = await investigator.GetAsync(url);
        Assert.Equal(2, theirs.QuerySelectorAll("[data-testid=policy-entry]").Length);
        Assert.Empty(FormNames(theirs));
    }

    [Fact]
    public async Task Caseload_ShowsTheSameMarkingAsTheRecord()
    {
        var (id, name) = await OpenByApiAsync("MARKING"); // OFFICIAL, marked sensitive
        var sio = await app.SignInAsync(DemoUsers.SioLondon);
        var (_, caseload) = await sio.GetAsync("/investigations"); // newest first
        var row = caseload.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
        var (_, record) = await sio.GetAsync($"/investigations/{id}");
        var marking = record.QuerySelector("[data-testid=marking]")!.TextContent.Trim();
        Assert.Equal("OFFICIAL-SENSITIVE", marking);
        Assert.Equal(marking, row.QuerySelector("[data-testid=marking]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Caseload_FilterByPhaseAndOverdue_AndTheActionQueues()
    {
        // A new officer, in no demo team, so that their queues hold exactly what this test gives them.
        const string officer = "pages.officer@vigil.example";
        await app.CreateUserAsync(officer, Roles.Investigator, "london", Classification.Official);
        var (moved, movedName) = await OpenByApiAsync("FILTERMOVED");
        var (stayed, stayedName) = await OpenByApiAsync("FILTERSTAYED");
        using var api = await app.ApiClientAsync(DemoUsers.SioLondon);
        await MoveAsync(api, moved, "Investigation");
        await AddMemberAsync(api, stayed, officer, "Officer");

        var page = await app.SignInAsync(officer, VigilApp.TestPassword);
        var (_, nothingYet) = await page.GetAsync("/investigations/actions");
        Assert.NotNull(nothingYet.QuerySelector("[data-testid=empty]"));

        var action = await PostAsync(api, $"/api/v1/investigations/{stayed}/actions", new { title = "Trace the hire van", dueDate = Today, allocateTo = officer }, HttpStatusCode.Created);
        var actionId = action.GetProperty("id").GetGuid();
        var actionUrl = $"/investigations/{stayed}/actions/{actionId}";
        var (_, notOverdue) = await page.GetAsync("/investigations/actions?view=overdue");
        Assert.NotNull(notOverdue.QuerySelector("[data-testid=empty]"));
        // Due yesterday: overdue now.
        var yesterday = Today.AddDays(-1);
        await app.AsSystemAsync(db => db.Set<InvestigationAction>().IgnoreQueryFilters().Where(a => a.Id == actionId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DueDate, (DateOnly?)yesterday)));

        var sio = await app.SignInAsync(DemoUsers.SioLondon);
        static IReadOnlyList<string> Operations(IHtmlDocument d) => d.QuerySelectorAll("[data-testid=caseload] tbody tr td:first-child a").Select(a => a.TextContent).ToList();

        var (_, byPhase) = await sio.GetAsync("/investigations?phase=Investigation");
        Assert.Contains(movedName, Operations(byPhase));
        Assert.DoesNotContain(stayedName, Operations(byPhase));
        Assert.Equal("Investigation", byPhase.QuerySelector("#phase option[selected]")!.GetAttribute("value"));
        Assert.All(byPhase.QuerySelectorAll("[data-testid=caseload] [data-testid=phase]"), tag => Assert.Equal("Investigation", tag.TextContent.Trim()));

        var (_, overdue) = await sio.GetAsync("/investigations?overdue=true");
        Assert.Contains(stayedName, Operations(overdue));
        Assert.DoesNotContain(movedName, Operations(overdue));
        var row = overdue.QuerySelectorAll("[data-testid=investigation-row]").Single(r => r.TextContent.Contains(stayedName, StringComparison.Ordinal));
        Assert.Equal("1", row.QuerySelector("[data-testid=overdue-tag]")!.TextContent.Trim());

        var (_, none) = await sio.GetAsync($"/investigations?sio={Guid.NewGuid()}");
        Assert.NotNull(none.QuerySelector("[data-testid=empty]"));

        // The officer's own queue and the overdue view both hold the action, linked to its page.
        var (_, mine) = await page.GetAsync("/investigations/actions?view=mine");
        Assert.Equal(actionUrl, Assert.Single(mine.QuerySelectorAll("[data-testid=action-link]")).GetAttribute("href"));
        var (_, view) = await page.GetAsync("/investigations/actions?view=overdue");
        var queued = Assert.Single(view.QuerySelectorAll("[data-testid=queue-row]"));
        Assert.Equal(actionUrl, queued.QuerySelector("[data-testid=action-link]")!.GetAttribute("href"));
        Assert.Contains(stayedName, queued.TextContent, StringComparison.Ordinal);
        Assert.NotNull(queued.QuerySelector("[data-testid=overdue-tag]"));
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync(actionUrl)).Response.StatusCode);

        // Someone who sees neither investigation sees none of its overdue actions.
        var outsider = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var (_, outside) = await outsider.GetAsync("/investigations/actions?view=overdue");
        Assert.DoesNotContain(outside.QuerySelectorAll("[data-testid=action-link]"), a => a.GetAttribute("href")!.Contains(stayed.ToString(), StringComparison.Ordinal));
    }
}
