using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using AngleSharp.Html.Dom;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Pursue;

/// <summary>The incident room's pages (subjects, sequence of events, ELG, exhibits, disclosure) and the
/// partner agencies' page, driven as a browser without JavaScript would. State is built by API.</summary>
public sealed class IncidentRoomPageTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static readonly string[] ShareWithManchester = ["la-manchester"];

    private static async Task<Guid> OpenCaseAsync(HttpClient sio, string risk = "Medium") => (await OpenAsync(sio, risk: risk)).GetProperty("id").GetGuid();

    private static async Task<Guid> CreateSubjectAsync(HttpClient api, string given, string surname, string dateOfBirth) =>
        (await PostAsync(api, "/api/v1/subjects", new { givenName = given, surname, dateOfBirth, classification = "Official", acknowledgedCandidates = true }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

    private static async Task<JsonElement> LinkedAsync(HttpClient api, Guid id) => await api.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/subjects");

    /// <summary>Posts a multipart form of the page as a browser does: its fields, the antiforgery token, and the file.</summary>
    private static async Task<HttpResponseMessage> SubmitMultipartAsync(PageClient page, string url, string formName, Dictionary<string, string> fields, string? fileName, byte[]? bytes)
    {
        var (_, document) = await page.GetAsync(url);
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        var content = new MultipartFormDataContent
        {
            { new StringContent(formName), "_handler" },
            { new StringContent(((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        if (fileName is not null)
        {
            content.Add(new ByteArrayContent(bytes!) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "file", fileName);
        }
        return await page.Http.PostAsync(url, content);
    }

    [Fact]
    public async Task SubjectsPage_NewPersonIsLinked_ALookAlikeIsShownAndNothingLinkedUntilAcknowledged()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = await OpenCaseAsync(sio);
        var url = $"/investigations/{id}/subjects";
        var page = await app.SignInAsync(DemoUsers.SioLondon);

        var linked = await page.SubmitAsync(url, "link-new", new()
        {
            ["Person.GivenName"] = "Ottoline", ["Person.Surname"] = "Quarrendon-Vesk", ["Person.DateOfBirth"] = "1988-04-05",
            ["Person.Gender"] = "Female", ["Person.Role"] = "Suspect", ["Person.Notes"] = "Bought the precursors (fictional)",
        });
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var (_, view) = await page.GetAsync(url);
        var row = view.QuerySelectorAll("[data-testid=linked-subject]").Single(r => r.TextContent.Contains("Ottoline Quarrendon-Vesk", StringComparison.Ordinal));
        Assert.Contains("Suspect", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("5 Apr 1988", row.TextContent, StringComparison.Ordinal);
        var subjectId = (await LinkedAsync(sio, id)).EnumerateArray().Single().GetProperty("subjectId").GetGuid();
        Assert.Equal($"/subjects/{subjectId}", row.QuerySelector("a")!.GetAttribute("href"));

        // Someone of the same name and date of birth is already known: the page shows them, keeps what was typed, links no one.
        var known = await CreateSubjectAsync(sio, "Cornelius", "Fennimore-Latch", "1979-09-09");
        var person = new Dictionary<string, string>
        {
            ["Person.GivenName"] = "Cornelius", ["Person.Surname"] = "Fennimore-Latch", ["Person.DateOfBirth"] = "1979-09-09", ["Person.Role"] = "Associate",
        };
        var candidates = await page.SubmitAsync(url, "link-new", person);
        Assert.Equal(HttpStatusCode.OK, candidates.StatusCode);
        var shown = await Html.DocumentAsync(candidates);
        var banner = shown.QuerySelector("[data-testid=candidates]")!;
        Assert.Contains(banner.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/subjects/{known}");
        Assert.Equal("Cornelius", ((IHtmlInputElement)shown.QuerySelector("input[name='Person.GivenName']")!).Value);
        Assert.Equal("1979-09-09", ((IHtmlInputElement)shown.QuerySelector("input[name='Person.DateOfBirth']")!).Value);
        Assert.True(((IHtmlInputElement)shown.QuerySelector("#person-role-Associate")!).IsChecked);
        Assert.Single((await LinkedAsync(sio, id)).EnumerateArray());

        // "None of these is the person": a new record is made and linked.
        person["Person.Acknowledged"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, "link-new", person)).StatusCode);
        var after = (await LinkedAsync(sio, id)).EnumerateArray().ToList();
        Assert.Equal(2, after.Count);
        Assert.Contains(after, s => s.GetProperty("name").GetString() == "Cornelius Fennimore-Latch" && s.GetProperty("subjectId").GetGuid() != known);
    }

    [Fact]
    public async Task SubjectsPage_LinkingAnExistingSubject_ShowsWhoElseKnowsThem()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = await OpenCaseAsync(sio);
        var first = await CreateSubjectAsync(sio, "Perpetua", "Twinsworth-Abara", "1990-01-01");
        var twin = await CreateSubjectAsync(sio, "Perpetua", "Twinsworth-Abara", "1990-01-01");
        var url = $"/investigations/{id}/subjects";
        var page = await app.SignInAsync(DemoUsers.SioLondon);

        var response = await page.SubmitAsync(url, "link-existing", new() { ["Existing.Subject"] = first.ToString(), ["Existing.Role"] = "Witness" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.DocumentAsync(response);
        var banner = document.QuerySelector("[data-testid=also-known]")!;
        Assert.Contains("Also known to", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains(banner.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/subjects/{twin}");
        Assert.Contains(document.QuerySelectorAll("[data-testid=linked-subject]"), r => r.TextContent.Contains("Witness", StringComparison.Ordinal));
        Assert.Equal(first, (await LinkedAsync(sio, id)).EnumerateArray().Single().GetProperty("subjectId").GetGuid());

        // Linking them twice, or a reference that is not a subject, is refused with an error summary.
        var again = await Html.DocumentAsync(await page.SubmitAsync(url, "link-existing", new() { ["Existing.Subject"] = first.ToString(), ["Existing.Role"] = "Witness" }));
        Assert.Contains("already linked", Html.ErrorSummaryText(again), StringComparison.Ordinal);
        var junk = await Html.DocumentAsync(await page.SubmitAsync(url, "link-existing", new() { ["Existing.Subject"] = "not-a-reference" }));
        Assert.Contains("web address", Html.ErrorSummaryText(junk), StringComparison.Ordinal);
        Assert.Contains("role", Html.ErrorSummaryText(junk), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimelinePage_AddedEventsAppearInTheOrderTheyHappened()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = await OpenCaseAsync(sio);
        var url = $"/investigations/{id}/timeline";
        var page = await app.SignInAsync(DemoUsers.SioLondon);

        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, "add-event", new()
        {
            ["Event.When"] = "2026-11-20T10:15", ["Event.Title"] = "Van hired in a false name", ["Event.Detail"] = "Paid in cash", ["Event.Source"] = "Hire company records",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, "add-event", new() { ["Event.When"] = "2026-11-10T08:30", ["Event.Title"] = "First reconnaissance visit" })).StatusCode);

        var (_, view) = await page.GetAsync(url);
        var titles = view.QuerySelectorAll("[data-testid=timeline-title]").Select(t => t.TextContent.Trim()).ToList();
        var recce = titles.IndexOf("First reconnaissance visit");
        var van = titles.IndexOf("Van hired in a false name");
        var opened = titles.FindIndex(t => t.EndsWith("opened", StringComparison.Ordinal));
        Assert.True(recce >= 0 && recce < van && van < opened, string.Join(" | ", titles));
        var vanRow = view.QuerySelectorAll("[data-testid=timeline-item]")[van];
        Assert.Contains("20 Nov 2026 10:15", vanRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("source: Hire company records", vanRow.TextContent, StringComparison.Ordinal);

        // An event that has not happened yet, or with no title, is refused with an error summary.
        var future = await Html.DocumentAsync(await page.SubmitAsync(url, "add-event", new() { ["Event.When"] = "2027-01-01T00:00", ["Event.Title"] = "Planned" }));
        Assert.Contains("already have happened", Html.ErrorSummaryText(future), StringComparison.Ordinal);
        var untitled = await Html.DocumentAsync(await page.SubmitAsync(url, "add-event", new() { ["Event.When"] = "2026-11-01T00:00" }));
        Assert.Contains("Enter what happened", Html.ErrorSummaryText(untitled), StringComparison.Ordinal);
        Assert.Equal(2, (await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/timeline")).EnumerateArray().Count(t => t.GetProperty("kind").GetString() == "event"));
    }

    [Fact]
    public async Task ElgPage_AttendeeWithoutComma_SavesNothing_AGoodMeetingAppears()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = await OpenCaseAsync(sio, risk: "High");
        await AddMemberAsync(sio, id, DemoUsers.InvestigatorLondon, "Officer");
        var url = $"/investigations/{id}/elg";
        var page = await app.SignInAsync(DemoUsers.SioLondon);
        var meeting = new Dictionary<string, string>
        {
            ["Elg.HeldAt"] = "2026-11-27T16:00",
            ["Elg.Attendees"] = "DCI Morgan Ellery, London\nOfficer K without an organisation",
            ["Elg.Decision"] = "Arrests may proceed at dawn",
            ["Elg.Rationale"] = "Public safety outweighs further evidence gathering",
            ["Elg.Balance"] = "PublicSafety",
            ["Elg.AuthorisesExecutiveAction"] = "true",
            ["Elg.ShareWith"] = "la-manchester",
        };

        var bad = await page.SubmitAsync(url, "record-elg", meeting);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await Html.DocumentAsync(bad);
        Assert.Contains("line 2", Html.ErrorSummaryText(badPage), StringComparison.Ordinal);
        Assert.Contains("no comma", Html.ErrorSummaryText(badPage), StringComparison.Ordinal);
        Assert.Contains("Officer K without an organisation", badPage.QuerySelector("textarea[name='Elg.Attendees']")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/elg-meetings")).EnumerateArray());

        meeting["Elg.Attendees"] = "DCI Morgan Ellery, London\r\nOfficer K, fictional, MI5\r\n";
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, "record-elg", meeting)).StatusCode);
        var (_, view) = await page.GetAsync(url);
        var card = view.QuerySelector("[data-testid=elg-meeting]")!;
        var attendees = card.QuerySelectorAll("[data-testid=elg-attendees] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(new[] { "DCI Morgan Ellery, London", "Officer K, fictional, MI5" }, attendees);
        Assert.NotNull(card.QuerySelector("[data-testid=authorises-executive-action]"));
        Assert.Contains("Manchester City Council", card.QuerySelector("[data-testid=elg-shared-with]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Public safety", card.TextContent, StringComparison.Ordinal);
        var saved = (await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/elg-meetings"))[0];
        Assert.Equal("Officer K, fictional", saved.GetProperty("attendees")[1].GetProperty("name").GetString());
        Assert.Equal("MI5", saved.GetProperty("attendees")[1].GetProperty("organisation").GetString());

        // An officer of the team reads the meetings but is not offered the form.
        var officer = await app.SignInAsync(DemoUsers.InvestigatorLondon);
        var (_, officerView) = await officer.GetAsync(url);
        Assert.NotNull(officerView.QuerySelector("[data-testid=elg-meeting]"));
        Assert.Null(officerView.QuerySelector("[data-testid=record-elg]"));
    }

    [Fact]
    public async Task ExhibitsPage_FileIsStoredAndServedUnchanged_RefusedTypeIsExplained_HandoverJoinsTheContinuity()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = await OpenCaseAsync(sio);
        await AddMemberAsync(sio, id, DemoUsers.InvestigatorLondon, "ExhibitsOfficer");
        var url = $"/investigations/{id}/exhibits";
        var page = await app.SignInAsync(DemoUsers.InvestigatorLondon);
        var bytes = "%PDF-1.4 fictional CCTV log, page form"u8.ToArray();

        var recorded = await SubmitMultipartAsync(page, url, "record-exhibit", new()
        {
            ["Exhibit.Reference"] = "ra/1", ["Exhibit.Description"] = "CCTV log, hardware shop", ["Exhibit.SeizedBy"] = "DS Rowan Achebe",
            ["Exhibit.SeizedFrom"] = "1 Example Parade (fictional)", ["Exhibit.SeizedAt"] = "2026-11-27T11:00",
        }, "cctv-log.pdf", bytes);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var (_, view) = await page.GetAsync(url);
        var card = view.QuerySelectorAll("[data-testid=exhibit]").Single(c => c.GetAttribute("data-reference") == "RA/1");
        var link = card.QuerySelector("[data-testid=exhibit-file]")!;
        Assert.Equal("cctv-log.pdf", link.TextContent.Trim());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), card.QuerySelector("[data-testid=exhibit-sha256]")!.TextContent.Trim());
        Assert.Equal(bytes, await page.Http.GetByteArrayAsync(link.GetAttribute("href")));
        var exhibitId = Guid.Parse(link.GetAttribute("href")!.Split('/')[4]);

        // A file of a type never stored: an error summary, and no exhibit half-recorded.
        var refused = await SubmitMultipartAsync(page, url, "record-exhibit", new()
        {
            ["Exhibit.Reference"] = "RA/2", ["Exhibit.Description"] = "Tool found on the laptop", ["Exhibit.SeizedBy"] = "DS Rowan Achebe",
            ["Exhibit.SeizedFrom"] = "1 Example Parade (fictional)", ["Exhibit.SeizedAt"] = "2026-11-27T11:30",
        }, "tool.exe", "MZ fictional"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("'.exe' cannot be stored", Html.ErrorSummaryText(await Html.DocumentAsync(refused)), StringComparison.Ordinal);
        var listed = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/exhibits");
        Assert.DoesNotContain(listed.EnumerateArray(), e => e.GetProperty("reference").GetString() == "RA/2");

        // A file whose content is not what its name claims: the exhibit is recorded, the page says it has no file.
        var mislabelled = await SubmitMultipartAsync(page, url, "record-exhibit", new()
        {
            ["Exhibit.Reference"] = "RA/3", ["Exhibit.Description"] = "Photograph of the workbench", ["Exhibit.SeizedBy"] = "DS Rowan Achebe",
            ["Exhibit.SeizedFrom"] = "1 Example Parade (fictional)", ["Exhibit.SeizedAt"] = "2026-11-27T12:00",
        }, "bench.png", "not really a png"u8.ToArray());
        var mislabelledPage = await Html.DocumentAsync(mislabelled);
        Assert.Contains("not a .png file", Html.ErrorSummaryText(mislabelledPage), StringComparison.Ordinal);
        Assert.Contains("recorded without its file", Html.ErrorSummaryText(mislabelledPage), StringComparison.Ordinal);
        var ra3 = (await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}/exhibits")).EnumerateArray().Single(e => e.GetProperty("reference").GetString() == "RA/3");
        Assert.Equal(JsonValueKind.Null, ra3.GetProperty("sha256").ValueKind);

        // ...and the file is attached to it later from its own form.
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        var ra3Id = ra3.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitMultipartAsync(page, url, $"attach-{ra3Id}", [], "bench.png", png)).StatusCode);
        Assert.Equal(png, await page.Http.GetByteArrayAsync($"/investigations/{id}/exhibits/{ra3Id}/file"));

        // A handover joins the continuity table and moves the custody.
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, $"handover-{exhibitId}", new()
        {
            ["Handover.To"] = "Exhibits store, fictional HQ", ["Handover.At"] = "2026-11-27T15:45", ["Handover.Reason"] = "Secure storage",
        })).StatusCode);
        (_, view) = await page.GetAsync(url);
        card = view.QuerySelectorAll("[data-testid=exhibit]").Single(c => c.GetAttribute("data-reference") == "RA/1");
        var handover = card.QuerySelector("[data-testid=continuity] tbody tr")!.TextContent;
        Assert.Contains("DS Rowan Achebe", handover, StringComparison.Ordinal);
        Assert.Contains("Exhibits store, fictional HQ", handover, StringComparison.Ordinal);
        Assert.Contains("27 Nov 2026 15:45", handover, StringComparison.Ordinal);
        Assert.Contains("Secure storage", handover, StringComparison.Ordinal);
        Assert.Equal("Exhibits store, fictional HQ", card.QuerySelector("[data-testid=custodian]")!.TextContent.Trim());

        // A handover earlier than the seizure is refused.
        var early = await page.SubmitAsync(url, $"handover-{exhibitId}", new() { ["Handover.To"] = "DC Someone", ["Handover.At"] = "2026-11-01T09:00", ["Handover.Reason"] = "Back-dated" });
        Assert.Contains("cannot be earlier", Html.ErrorSummaryText(await Html.DocumentAsync(early)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisclosurePage_DisclosureOfficerSignsANilMg6D_OthersSeeNoSignButton()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = await OpenCaseAsync(sio);
        await AddMemberAsync(sio, id, DemoUsers.DisclosureLondon, "DisclosureOfficer");
        var url = $"/investigations/{id}/disclosure";
        var officer = await app.SignInAsync(DemoUsers.DisclosureLondon);

        // An MG6D item needs its public-interest reason.
        var missing = await officer.SubmitAsync(url, "schedule-item", new() { ["Item.Description"] = "Door-to-door notes", ["Item.Schedule"] = "Mg6D" });
        Assert.Contains("public-interest reason", Html.ErrorSummaryText(await Html.DocumentAsync(missing)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(url, "schedule-item", new()
        {
            ["Item.Description"] = "Door-to-door notes", ["Item.Location"] = "Incident room", ["Item.Schedule"] = "Mg6C",
            ["Item.Flagged"] = "true", ["Item.FlagReason"] = "May assist the defence on timing",
        })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(url, "sign-MG6D", [])).StatusCode);
        var (_, view) = await officer.GetAsync(url);
        var mg6d = view.QuerySelector("[data-testid=schedule-MG6D]")!;
        Assert.NotNull(mg6d.QuerySelector("[data-testid=nil-return]"));
        var signature = mg6d.QuerySelector("[data-testid=signoff-MG6D]")!.TextContent;
        Assert.Contains("Signed by", signature, StringComparison.Ordinal);
        Assert.Contains("0 items", signature, StringComparison.Ordinal);
        Assert.Contains("Not signed", view.QuerySelector("[data-testid=signoff-MG6C]")!.TextContent, StringComparison.Ordinal);
        var mg6c = view.QuerySelector("[data-testid=schedule-MG6C]")!;
        Assert.Contains("Door-to-door notes", mg6c.TextContent, StringComparison.Ordinal);
        Assert.Contains("Incident room", mg6c.TextContent, StringComparison.Ordinal);
        Assert.Contains("May assist the defence on timing", view.QuerySelector("[data-testid=schedule-MG6E]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/investigations/{id}/disclosure/MG6C.csv", mg6c.QuerySelector("[data-testid=csv-MG6C]")!.GetAttribute("href"));
        Assert.Contains("Door-to-door notes", await officer.Http.GetStringAsync($"/investigations/{id}/disclosure/MG6C.csv"), StringComparison.Ordinal);
        Assert.NotNull(view.QuerySelector("[data-testid=sign-MG6C]"));

        // The SIO is not the disclosure officer: no sign button, though the schedules and the item form are there.
        var page = await app.SignInAsync(DemoUsers.SioLondon);
        var (_, sioView) = await page.GetAsync(url);
        Assert.Null(sioView.QuerySelector("form[data-testid^=sign-]"));
        Assert.DoesNotContain("Sign this schedule", sioView.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(sioView.QuerySelector("[data-testid=schedule-item]"));
        Assert.Contains("Signed by", sioView.QuerySelector("[data-testid=signoff-MG6D]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisclosurePage_CaseFileIsAZipOnceCharged_AProblemBefore()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = await OpenCaseAsync(sio);
        var url = $"/investigations/{id}/disclosure";
        var page = await app.SignInAsync(DemoUsers.SioLondon);

        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, "add-statement", new()
        {
            ["Statement.Witness"] = "Witness A (fictional)", ["Statement.TakenOn"] = "2026-11-26", ["Statement.Text"] = "I saw a person buy fertiliser.",
        })).StatusCode);
        var (_, before) = await page.GetAsync(url);
        Assert.Contains("Witness A (fictional)", before.QuerySelector("[data-testid=statements]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(before.QuerySelector("[data-testid=not-charged]"));
        Assert.Null(before.QuerySelector("[data-testid=cps-bundle]"));
        var early = await page.Http.GetAsync($"/investigations/{id}/cps-bundle.zip");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);

        // Charged: the form offers the statement, and its link gives the ZIP with it.
        await MoveAsync(sio, id, "Investigation");
        await MoveAsync(sio, id, "ExecutiveAction");
        await PostAsync(sio, $"/api/v1/investigations/{id}/subjects", new
        {
            role = "Suspect", person = new { givenName = "Bartholomew", surname = "Chargeable-Ness", classification = "Official", acknowledgedCandidates = true },
        }, HttpStatusCode.Created);
        await MoveAsync(sio, id, "Charge");
        var (_, after) = await page.GetAsync(url);
        var form = after.QuerySelector("form[data-testid=cps-bundle]")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal($"/investigations/{id}/cps-bundle.zip", form.GetAttribute("action"));
        var statement = (IHtmlInputElement)form.QuerySelector("input[name=statements]")!;
        var zipResponse = await page.Http.GetAsync($"{form.GetAttribute("action")}?statements={statement.Value}");
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await zipResponse.Content.ReadAsStreamAsync());
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("statements/MG11-01", StringComparison.Ordinal));
        Assert.Contains(zip.Entries, e => e.FullName == "manifest.json");
    }

    [Fact]
    public async Task PartnerPage_ShowsTheMeetingSharedWithTheAgency_NotAnUnsharedOne()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = await OpenCaseAsync(sio, risk: "High");
        var operation = (await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{id}")).GetProperty("operationName").GetString()!;
        await PostAsync(sio, $"/api/v1/investigations/{id}/elg-meetings", new
        {
            heldAt = app.Clock.GetUtcNow().AddHours(-3),
            attendees = new[] { new { name = "Taylor (fictional)", organisation = "Manchester City Council" } },
            decisions = new[] { new { decision = $"Share safeguarding concerns ({operation})", rationale = "Child protection", balance = "PublicSafety" } },
            shareWith = ShareWithManchester,
        }, HttpStatusCode.Created);
        await PostAsync(sio, $"/api/v1/investigations/{id}/elg-meetings", new
        {
            heldAt = app.Clock.GetUtcNow().AddHours(-2),
            attendees = new[] { new { name = "DCI Morgan Ellery", organisation = "London" } },
            decisions = new[] { new { decision = $"Covert deployment continues ({operation})", rationale = "Evidence still needed", balance = "EvidenceGathering" } },
        }, HttpStatusCode.Created);

        var partner = await app.SignInAsync(DemoUsers.ChannelManchester);
        var (response, view) = await partner.GetAsync("/partner/elg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = view.QuerySelector("[data-testid=shared-meetings]")!.TextContent;
        Assert.Contains($"Share safeguarding concerns ({operation})", text, StringComparison.Ordinal);
        Assert.Contains("Taylor (fictional), Manchester City Council", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Covert deployment continues ({operation})", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/investigations/{id}/elg")).Response.StatusCode);

        // Someone of no partner agency has nothing shared with them.
        var officer = await app.SignInAsync(DemoUsers.InvestigatorLondon);
        var (_, empty) = await officer.GetAsync("/partner/elg");
        Assert.Contains("Nothing has been shared with your agency.", empty.QuerySelector("[data-testid=nothing-shared]")!.TextContent, StringComparison.Ordinal);
    }
}
