using System.IO.Compression;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>One investigation from opening to outcome, in the browser, as its SIO, an investigator and
/// the disclosure officer would take it: team, ELG meeting, actions, policy file, a suspect, an exhibit
/// with continuity and its file, the schedules, the CPS case file, and closure. Every page checked by axe.</summary>
public sealed class InvestigationWalkthroughTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static string Minutes(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnInvestigation_FromOpeningToOutcome()
    {
        var operation = $"Operation WALK{DateTime.UtcNow:HHmmssfff}";
        var sio = await SignInAsync(DemoUsers.SioLondon);

        // Open it, then build the team.
        var page = await (await OpenInvestigationPage.OpenAsync(sio.Session))
            .OpenInvestigationAsync(operation, "Extreme Right Wing", "High", "OFFICIAL", officialSensitive: true);
        await Expect(page.Phase).ToHaveTextAsync("Intelligence development");
        page = await page.AddMemberAsync(DemoUsers.InvestigatorLondon, "Officer");
        page = await page.AddMemberAsync(DemoUsers.DisclosureLondon, "Disclosure officer");
        await Expect(page.Form("team").GetByTestId("team-member")).ToHaveCountAsync(3);
        page = await page.MoveAsync("Investigation", "Intelligence corroborated by surveillance");
        await Expect(page.Phase).ToHaveTextAsync("Investigation");

        // High risk: executive action is refused until the ELG has authorised it.
        page = await page.MoveAsync("Executive action", "Arrests planned");
        await Expect(page.ErrorSummary).ToContainTextAsync("Executive Liaison Group");
        page = await page.SectionAsync("ELG");
        var elg = page.Form("record-elg");
        await elg.GetByLabel("When the meeting was held (UK time)").FillAsync(Minutes(DateTime.UtcNow.AddHours(-3)));
        await elg.GetByLabel("Attendees").FillAsync("DCI Morgan Ellery, London\nOfficer K (fictional), MI5");
        await elg.GetByLabel("Decision", new() { Exact = true }).FillAsync("Arrests may proceed at dawn");
        await elg.GetByLabel("Rationale").FillAsync("Public safety now outweighs further evidence gathering");
        await elg.GetByLabel("Public safety", new() { Exact = true }).CheckAsync();
        await elg.GetByLabel("This decision authorises executive action").CheckAsync();
        page = await page.SubmitOkAsync(elg, "Record meeting");
        await Expect(page.Page.GetByTestId("authorises-executive-action")).ToHaveCountAsync(1);

        // The incident room: a line of enquiry, an action through raise, allocate, result, review and file.
        page = await page.SectionAsync("Actions");
        var line = page.Form("add-line-form");
        await line.GetByLabel("Line of enquiry").FillAsync("Purchases of precursor chemicals");
        page = await page.SubmitOkAsync(line, "Add the line of enquiry");
        var raise = page.Form("raise-form");
        await raise.GetByLabel("What is to be done").FillAsync("Obtain CCTV from the hardware shop");
        await raise.GetByRole(AriaRole.Group, new() { Name = "Priority" }).GetByLabel("High").CheckAsync();
        await PreventDates.FillAsync(raise, "Due date (optional)", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)));
        await raise.GetByLabel("Line of enquiry").SelectOptionAsync("1");
        await raise.GetByLabel("Allocate to").SelectOptionAsync(DemoUsers.SioLondon);
        page = await page.SubmitOkAsync(raise, "Raise the action");
        await page.ScreenshotAsync("investigation-actions.png");
        await sio.Session.SubmitAsync(page.Form("actions").GetByRole(AriaRole.Link, new() { Name = "A1" }));
        page = await InvestigationPage.ArrivedAsync(sio.Session, operation);
        await page.Form("result-form").GetByLabel("Result").FillAsync("CCTV seized as exhibit RA/1");
        page = await page.SubmitOkAsync(page.Form("result-form"), "Record the result");
        await page.Form("review-form").GetByLabel("Accept the result").CheckAsync();
        page = await page.SubmitOkAsync(page.Form("review-form"), "Record the review");
        page = await page.SubmitOkAsync(page.Form("file-form"), "File the action");
        await Expect(page.Page.GetByTestId("state")).ToHaveTextAsync("Filed");

        // The policy file.
        page = await page.SectionAsync("Policy file");
        var entry = page.Form("add-entry-form");
        await entry.GetByLabel("Decision").FillAsync("The covert phase ends at dawn");
        await entry.GetByLabel("Rationale").FillAsync("The ELG judged the risk to the public too high to continue");
        page = await page.SubmitOkAsync(entry, "Record the decision");
        await Expect(page.Page.GetByTestId("policy-entry")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("investigation-policy-file.png");
        // The print button works under the Content-Security-Policy (no inline handler): count the calls.
        await page.Page.EvaluateAsync("() => { window.vigilPrinted = 0; window.print = () => { window.vigilPrinted++; }; }");
        await page.Page.GetByTestId("print").ClickAsync();
        Assert.Equal(1, await page.Page.EvaluateAsync<int>("() => window.vigilPrinted"));

        // A suspect, through the Subjects module (the check at the door runs first).
        page = await page.SectionAsync("Subjects");
        var person = page.Form("link-new");
        await person.GetByLabel("Given name").FillAsync("Ottoline");
        await person.GetByLabel("Surname").FillAsync($"Walkthrough-{DateTime.UtcNow:HHmmss}");
        await person.GetByLabel("Suspect").CheckAsync();
        page = await page.SubmitOkAsync(person, "Add and link person");
        if (await page.Page.GetByTestId("candidates").CountAsync() > 0)
        {
            await page.Form("link-new").GetByLabel("None of these is the person").CheckAsync();
            page = await page.SubmitOkAsync(page.Form("link-new"), "Add and link person");
        }
        await Expect(page.Page.GetByTestId("linked-subject")).ToHaveCountAsync(1);

        // Executive action, then charge.
        page = await page.SectionAsync("Overview");
        page = await page.MoveAsync("Executive action", "ELG authorised arrests");
        page = await page.MoveAsync("Charge", "CPS authorised the charge");
        await Expect(page.Phase).ToHaveTextAsync("Charge");

        // An exhibit with its file and a handover.
        page = await page.SectionAsync("Exhibits");
        var exhibit = page.Form("record-exhibit");
        await exhibit.GetByLabel("Exhibit reference").FillAsync("RA/1");
        await exhibit.GetByLabel("Description").FillAsync("CCTV log, hardware shop");
        await exhibit.GetByLabel("Seized by").FillAsync("DS Rowan Achebe");
        await exhibit.GetByLabel("Seized from").FillAsync("1 Example Parade (fictional)");
        await exhibit.GetByLabel("Seized at (UK time)").FillAsync(Minutes(DateTime.UtcNow.AddHours(-2)));
        var bytes = "%PDF-1.4 fictional CCTV log"u8.ToArray();
        await exhibit.GetByLabel("File of a digital exhibit (optional)").SetInputFilesAsync(new FilePayload { Name = "cctv-log.pdf", MimeType = "application/pdf", Buffer = bytes });
        page = await page.SubmitOkAsync(exhibit, "Record exhibit");
        await Expect(page.Page.GetByTestId("exhibit-sha256")).ToContainTextAsync(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        await page.Page.GetByText("Record a handover of RA/1").ClickAsync();
        var handover = page.Page.GetByTestId("exhibit").First.GetByTestId("handover");
        await handover.GetByLabel("Handed to").FillAsync("Exhibits store (fictional)");
        await handover.GetByLabel("When (UK time)").FillAsync(Minutes(DateTime.UtcNow.AddHours(-1)));
        await handover.GetByLabel("Why").FillAsync("Secure storage");
        page = await page.SubmitOkAsync(handover, "Record handover");
        await Expect(page.Page.GetByTestId("continuity").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Page.GetByTestId("custodian")).ToContainTextAsync("Exhibits store");
        await page.ScreenshotAsync("investigation-exhibits.png");

        // Unused material and a statement.
        page = await page.SectionAsync("Disclosure and case file");
        var item = page.Form("schedule-item");
        await item.GetByLabel("Description of the unused material").FillAsync("Door-to-door enquiry notes");
        await item.GetByLabel("MG6C: non-sensitive").CheckAsync();
        page = await page.SubmitOkAsync(item, "Schedule item");
        var statement = page.Form("add-statement");
        await statement.GetByLabel("Witness").FillAsync("Witness A (fictional)");
        await statement.GetByLabel("Taken on").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await statement.GetByLabel("Statement").FillAsync("I saw a person buy large quantities of ... (fictional)");
        page = await page.SubmitOkAsync(statement, "Record statement");

        // The disclosure officer signs MG6C and a nil MG6D.
        var disclosure = await SignInAsync(DemoUsers.DisclosureLondon);
        var schedules = await InvestigationPage.GoAsync(disclosure.Session, page.Id, operation, "/disclosure");
        schedules = await schedules.SubmitOkAsync(schedules.Form("schedule-MG6C"), "Sign this schedule");
        schedules = await schedules.SubmitOkAsync(schedules.Form("schedule-MG6D"), "Sign this schedule");
        await Expect(schedules.Form("schedule-MG6D").GetByTestId("nil-return")).ToBeVisibleAsync();
        await Expect(schedules.Form("schedule-MG6D").GetByTestId("signoff-MG6D")).ToContainTextAsync("Sam Okonkwo-Hart");
        await schedules.ScreenshotAsync("investigation-disclosure.png");

        // The SIO downloads the CPS case file: every file in it matches the manifest's hash.
        page = await InvestigationPage.GoAsync(sio.Session, page.Id, operation, "/disclosure");
        var bundle = page.Form("cps-bundle");
        await bundle.GetByLabel("Witness A (fictional)", new() { Exact = false }).CheckAsync();
        var download = await page.Page.RunAndWaitForDownloadAsync(() => bundle.GetByRole(AriaRole.Button, new() { Name = "Download case file (ZIP)" }).ClickAsync());
        using (var zip = new ZipArchive(File.OpenRead(await download.PathAsync())))
        {
            var manifest = JsonSerializer.Deserialize<JsonElement>(await new StreamReader(await zip.GetEntry("manifest.json")!.OpenAsync()).ReadToEndAsync());
            Assert.Equal(operation, manifest.GetProperty("operation").GetString());
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("statements/MG11-01", StringComparison.Ordinal));
            foreach (var file in manifest.GetProperty("files").EnumerateArray())
            {
                await using var entryStream = await zip.GetEntry(file.GetProperty("path").GetString()!)!.OpenAsync();
                Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(entryStream)));
            }
        }

        // Through prosecution to the outcome, and closed.
        page = await page.SectionAsync("Overview");
        page = await page.MoveAsync("Prosecution", "Trial listed at the Crown Court");
        page = await page.MoveAsync("Outcome", "Verdicts returned", outcome: "Convicted of preparing acts of terrorism (fictional)");
        await page.ScreenshotAsync("investigation.png");
        page = await page.MoveAsync("Closed", "Sentenced; no further enquiries");
        await Expect(page.Phase).ToHaveTextAsync("Closed");
        await Expect(page.Page.GetByTestId("phase-history").Locator("tbody tr")).ToHaveCountAsync(6);

        page = await page.SectionAsync("Sequence of events");
        await page.ScreenshotAsync("investigation-timeline.png");
    }

    [Fact]
    public async Task TheCaseload_ShowsTheUnitsInvestigations()
    {
        var sio = await SignInAsync(DemoUsers.SioLondon);
        await sio.Session.GotoAsync("/investigations");
        await Expect(sio.Session.Page.Locator("main h1")).ToHaveTextAsync("Investigations");
        await Accessibility.AssertNoSeriousViolationsAsync(sio.Session.Page, "caseload");
        await Expect(sio.Session.Page.GetByRole(AriaRole.Link, new() { Name = "Operation KESTREL" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(sio.Session.Page, "investigations.png");
    }
}
