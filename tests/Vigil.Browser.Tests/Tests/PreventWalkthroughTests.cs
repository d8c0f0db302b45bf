using Vigil.Web.Prevent;
using static Microsoft.Playwright.Assertions;
using static Vigil.Browser.Tests.Pages.PreventDates;

namespace Vigil.Browser.Tests.Tests;

/// <summary>One Prevent referral in the browser, as the North West Prevent officer takes it: the referral,
/// the police gateway with its deconfliction check, the Manchester Channel panel's meeting, the
/// vulnerability assessment, consent from a parent, adoption, support, exit and the 6-month review; then
/// what a partner-agency member of the panel sees. Every page checked by axe.</summary>
public sealed class PreventWalkthroughTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string PreventNorthWest = "prevent.northwest@vigil.example";
    private const string ChannelManchester = "channel.manchester@vigil.example";
    private const string Manchester = "Manchester City Council";

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task AReferral_FromGatewayToTheSixMonthReview()
    {
        var today = Today;
        var surname = $"Fairweather-{Suffix()}";
        var officer = await SignInAsync(PreventNorthWest);

        // The officer's referral: a child of 14, from a school in Manchester.
        var form = await (await PreventHomePage.OpenAsync(officer.Session)).MakeReferralAsync();
        await form.FillAsync(new ReferralDetails(
            "Robin", surname, today.AddYears(-14).AddDays(-40), "Male", Manchester, "Extreme right-wing",
            "Shared extreme right-wing videos with classmates and spoke of 'getting even' (fictional).",
            "Education", "Ms Jo Castellan (fictional)", "Example Academy (fictional)", "dsl@academy.example"));
        await form.ScreenshotAsync("prevent-referral.png");
        var page = await form.RecordAsync();
        var reference = (await page.Reference.InnerTextAsync()).Trim();
        Assert.StartsWith("PRV-", reference, StringComparison.Ordinal);
        await Expect(page.Stage).ToHaveTextAsync("Gateway assessment");
        await Expect(page.Person).ToHaveTextAsync($"Robin {surname}");
        await Expect(page.Page.GetByTestId("age-group")).ToHaveTextAsync("Child");
        await Expect(page.Page.GetByTestId("gateway-due")).ToContainTextAsync(Shown(today.AddDays(PreventCases.GatewayTargetDays)));
        await Expect(page.Page.GetByTestId("gateway-overdue")).ToHaveCountAsync(0);

        // The gateway: the outcome waits for the deconfliction check.
        await Expect(page.Page.GetByTestId("gateway-needs-deconfliction")).ToBeVisibleAsync();
        await Expect(page.Form("gateway-form")).ToHaveCountAsync(0);
        page = await page.DeconflictAsync();
        var deconfliction = page.Page.GetByTestId("deconfliction");
        await Expect(deconfliction).ToBeVisibleAsync();
        var found = (await deconfliction.InnerTextAsync()).Trim();
        Assert.NotEmpty(found);
        page = await page.RecordGatewayAsync("Clear vulnerability", "Referred to the Channel panel",
            "Vulnerable to grooming online; the school and family support a referral to Channel.");
        await Expect(page.Stage).ToHaveTextAsync("Channel panel");
        await Expect(page.Page.GetByTestId("gateway-outcome")).ToHaveTextAsync("Referred to the Channel panel");
        await Expect(page.Page.GetByTestId("no-meetings")).ToBeVisibleAsync();

        // The Manchester panel has the case on its agenda and meets today.
        var panel = await ChannelPanelPage.OpenAsync(officer.Session, "manchester", Manchester);
        await Expect(panel.Agenda.GetByTestId("agenda-panel")).ToContainTextAsync(reference);
        panel = await panel.RecordMeetingAsync(today, "Manchester Town Hall (fictional)", "Chair, Children's services\nPC Avery Lindqvist, Prevent");
        await Expect(panel.Meetings.GetByTestId("meeting").Filter(new() { HasText = "Manchester Town Hall (fictional)" })).ToContainTextAsync(Shown(today));
        await panel.ScreenshotAsync("prevent-panel.png");
        var meeting = $"{Shown(today)}, Manchester Town Hall (fictional)";

        // The vulnerability assessment: a judgement and notes on every one of the 22 factors.
        page = await PreventCasePage.GoAsync(officer.Session, page.Id);
        await Expect(page.Page.GetByTestId("no-assessments")).ToBeVisibleAsync();
        var vaf = await page.OpenVafAsync();
        await Expect(vaf.Factors).ToHaveCountAsync(22);
        await vaf.FillAsync(today, meeting, i => i % 4 == 0 ? "Present" : i % 4 == 1 ? "Not known" : "Not present",
            "Seeks belonging and status among an online group.", "Some 'them and us' thinking; no stated harmful objectives.", "No capability identified.");
        await vaf.ScreenshotAsync("prevent-vaf.png");
        page = await vaf.RecordAsync();
        var assessment = page.Page.GetByTestId("assessment");
        await Expect(assessment).ToHaveCountAsync(1);
        await Expect(assessment).ToContainTextAsync($"at the meeting of {Shown(today)}");
        await Expect(assessment.GetByTestId("judgement")).ToHaveCountAsync(22);
        await Expect(assessment.GetByTestId("summary-engagement")).ToHaveTextAsync("Seeks belonging and status among an online group.");
        await Expect(assessment.GetByTestId("summary-capability")).ToHaveTextAsync("No capability identified.");

        // Adoption is refused until a parent or guardian consents.
        page = await page.DecideAsync("Adopted as a Channel case", "The panel agrees support is needed", meeting);
        await Expect(page.ErrorSummary).ToContainTextAsync("a parent or guardian must give consent before the case is adopted");
        await Expect(page.Stage).ToHaveTextAsync("Channel panel");
        await Expect(page.Page.GetByTestId("no-decisions")).ToBeVisibleAsync();

        page = await PreventCasePage.GoAsync(officer.Session, page.Id);
        page = await page.RecordConsentAsync("Parent or guardian", $"Morgan {surname}", "Mother", today, "In person", hasCapacity: false);
        await Expect(page.Page.GetByTestId("consent-status")).ToHaveTextAsync("Given");
        await Expect(page.Page.GetByTestId("consent")).ToContainTextAsync("Mother");
        page = await page.DecideAsync("Adopted as a Channel case", "The panel agrees support is needed", meeting);
        await Expect(page.ErrorSummary).ToHaveCountAsync(0);
        await Expect(page.Stage).ToHaveTextAsync("Channel support");
        await Expect(page.Page.GetByTestId("decision")).ToContainTextAsync("Adopted as a Channel case");

        // Support: a mentor from an intervention provider, from today.
        page = await page.AddInterventionAsync("Intervention provider (mentor)", "Northern Mentoring CIC (fictional)", today, "Weekly sessions after school");
        var intervention = page.Page.GetByTestId("intervention");
        await Expect(intervention).ToHaveCountAsync(1);
        await Expect(intervention).ToContainTextAsync("Northern Mentoring CIC (fictional)");
        await Expect(intervention).ToContainTextAsync(Shown(today));

        // Exit: the 6- and 12-month reviews are scheduled from the exit date.
        page = await page.ExitAsync(today, "Engaged well with the mentor; the panel is satisfied the risk has been reduced.");
        await Expect(page.Stage).ToHaveTextAsync("Left Channel");
        await Expect(page.Page.GetByTestId("exit")).ToContainTextAsync(Shown(today));
        await Expect(page.Review("SixMonth")).ToContainTextAsync(Shown(today.AddMonths(6)));
        await Expect(page.Review("SixMonth").GetByTestId("review-status")).ToHaveTextAsync("Due");
        await Expect(page.Review("TwelveMonth")).ToContainTextAsync(Shown(today.AddMonths(12)));
        await Expect(page.Review("TwelveMonth").GetByTestId("review-status")).ToHaveTextAsync("Due");
        await page.ScreenshotAsync("prevent-case.png");

        // Six months away, the review is beyond even the 90-day queue: it is recorded from the case.
        var due = await ReviewsDuePage.OpenAsync(officer.Session, 90);
        await Expect(due.Page.Locator("main")).Not.ToContainTextAsync(reference);
        page = await PreventCasePage.GoAsync(officer.Session, page.Id);
        page = await page.CompleteReviewAsync("SixMonth", today, "Settled at school; no contact with the online group.", concernsRemain: false);
        await Expect(page.Review("SixMonth").GetByTestId("review-status")).ToContainTextAsync("Completed");
        await Expect(page.Review("SixMonth")).ToContainTextAsync("No remaining concerns.");
        await Expect(page.Review("TwelveMonth").GetByTestId("review-status")).ToHaveTextAsync("Due");
        await Expect(page.Stage).ToHaveTextAsync("Left Channel");
        foreach (var step in new[]
                 {
                     "Referral recorded", "Deconfliction check", "Gateway: Referred to the Channel panel", "Vulnerability assessment recorded",
                     "Consent given", "Panel: Adopted as a Channel case", "Support added", "Left Channel", "6-month review recorded",
                 })
        {
            await Expect(page.History.GetByTestId("history-item").Filter(new() { HasText = step })).Not.ToHaveCountAsync(0);
        }

        var statistics = await PreventStatisticsPage.OpenAsync(officer.Session);
        await Expect(statistics.Tables).ToBeVisibleAsync();
        await statistics.ScreenshotAsync("prevent-statistics.png");

        // A partner-agency member of the Manchester panel sees the case, but not what the police check
        // found, and no investigations at all.
        var partner = await SignInAsync(ChannelManchester);
        var theirs = await PreventCasePage.GoAsync(partner.Session, page.Id);
        await Expect(theirs.Reference).ToHaveTextAsync(reference);
        await Expect(theirs.Person).ToHaveTextAsync($"Robin {surname}");
        await Expect(theirs.Page.GetByTestId("deconfliction")).ToHaveCountAsync(0);
        await Expect(theirs.Form("deconflict-form")).ToHaveCountAsync(0);
        await Expect(theirs.Page.Locator("main")).Not.ToContainTextAsync(found);

        // Panels meet with tablets: the case page fits a tablet's width without scrolling sideways.
        await theirs.Page.SetViewportSizeAsync(768, 1024);
        var overflow = await theirs.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the case page is {overflow}px wider than a tablet");
        await theirs.ScreenshotAsync("prevent-case-tablet.png");

        var refused = await NotFoundPage.OpenAsync(partner.Session, "/investigations");
        Assert.Equal(404, refused.Status);
    }

    [Fact]
    public async Task ThePublicForm_TakesAReferralFromAnAnonymousVisitor()
    {
        // The form is rate-limited per address: this test loads it once and posts it once.
        var form = await PublicReferralPage.OpenAsync(await NewSessionAsync());
        await Expect(form.SignedInAs).ToHaveCountAsync(0);
        var details = new ReferralDetails(
            "Alex", $"Marchbank-{Suffix()}", null, "Not known", Manchester, "Mixed, unclear or unstable",
            "A neighbour's son talks about hurting people at his old school and shows me knives he has bought (fictional).",
            "Friends and family", "A neighbour (fictional)", ReferrerContact: "neighbour@example.org");
        await form.FillAsync(details);
        await form.ScreenshotAsync("prevent-public-referral.png");

        var sent = await form.SendAsync();

        await Expect(sent.Confirmation).ToBeVisibleAsync();
        await Expect(sent.ReceiptReference).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^R-[0-9A-F]+$"));
        await Expect(sent.Page.Locator("main")).Not.ToContainTextAsync(details.Surname);
    }
}
