using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Pages;

/// <summary>What a referral form is filled with: the person, the concern and who refers.</summary>
public sealed record ReferralDetails(
    string GivenName, string Surname, DateOnly? DateOfBirth, string Gender, string Area, string ConcernType,
    string WhatPrompted, string Sector, string ReferrerName, string? ReferrerOrganisation = null, string? ReferrerContact = null);

/// <summary>Helpers shared by the Prevent page objects.</summary>
public static class PreventDates
{
    /// <summary>As the date inputs take it.</summary>
    public static string Input(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>As the Prevent pages show it ("7 March 2026").</summary>
    public static string Shown(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The app's today: it dates everything in UTC.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Fills a GOV.UK date input (day, month and year boxes, grouped under their legend).</summary>
    public static async Task FillAsync(ILocator scope, string legend, DateOnly day)
    {
        var group = scope.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });
        await group.GetByLabel("Day", new() { Exact = true }).FillAsync(day.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month", new() { Exact = true }).FillAsync(day.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year", new() { Exact = true }).FillAsync(day.Year.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>/prevent: the start page of Prevent officers and panel members, with their queues.</summary>
public sealed class PreventHomePage : AppPage
{
    private PreventHomePage(BrowserSession session) : base(session)
    {
    }

    public ILocator Queues => Page.GetByTestId("queues");
    public ILocator MyPanels => Page.GetByTestId("my-panels");

    public static async Task<PreventHomePage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/prevent");
        return await ArriveAsync(new PreventHomePage(session), "Prevent");
    }

    /// <summary>Follows the "Make a referral" button (police only).</summary>
    public async Task<ReferralFormPage> MakeReferralAsync()
    {
        await Session.SubmitAsync(Page.GetByTestId("make-referral"));
        return await ReferralFormPage.ArrivedAsync(Session);
    }
}

/// <summary>The fields of a referral, shared by the officer's form and the public one (ReferralFields.razor).</summary>
internal static class ReferralFieldsFiller
{
    public static async Task FillAsync(ILocator form, ReferralDetails details, bool isPublic)
    {
        await form.GetByLabel("Given name", new() { Exact = true }).FillAsync(details.GivenName);
        await form.GetByLabel("Surname", new() { Exact = true }).FillAsync(details.Surname);
        if (details.DateOfBirth is { } born)
        {
            await form.GetByLabel("Date of birth").FillAsync(PreventDates.Input(born));
        }
        await form.GetByRole(AriaRole.Group, new() { Name = "Gender" }).GetByLabel(details.Gender, new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Local authority area").SelectOptionAsync(new SelectOptionValue { Label = details.Area });
        await form.GetByLabel("Type of concern").SelectOptionAsync(new SelectOptionValue { Label = details.ConcernType });
        await form.GetByLabel("What prompted the referral").FillAsync(details.WhatPrompted);
        var sectors = form.GetByRole(AriaRole.Group, new() { Name = isPublic ? "Where you know the person from" : "Referrer's sector" });
        await sectors.GetByLabel(details.Sector, new() { Exact = true }).CheckAsync();
        await form.GetByLabel(isPublic ? "Your name" : "Referrer's name", new() { Exact = true }).FillAsync(details.ReferrerName);
        if (details.ReferrerOrganisation is { } organisation)
        {
            await form.GetByLabel(isPublic ? "Your organisation (optional)" : "Organisation (optional)").FillAsync(organisation);
        }
        if (details.ReferrerContact is { } contact)
        {
            await form.GetByLabel(isPublic ? "Your phone number or e-mail address" : "Referrer's contact details (optional)").FillAsync(contact);
        }
    }
}

/// <summary>/prevent/referrals/new: a Prevent officer records a referral, which becomes a case at the gateway.</summary>
public sealed class ReferralFormPage : AppPage
{
    private ReferralFormPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Form => Page.GetByTestId("referral-form");
    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");

    public static async Task<ReferralFormPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/prevent/referrals/new");
        return await ArrivedAsync(session);
    }

    public static Task<ReferralFormPage> ArrivedAsync(BrowserSession session) => ArriveAsync(new ReferralFormPage(session), "Make a referral");

    public Task FillAsync(ReferralDetails details) => ReferralFieldsFiller.FillAsync(Form, details, isPublic: false);

    /// <summary>Records the referral filled in: lands on the new case.</summary>
    public async Task<PreventCasePage> RecordAsync()
    {
        await Session.SubmitAsync(Form.GetByRole(AriaRole.Button, new() { Name = "Record the referral" }));
        if (await ErrorSummary.CountAsync() > 0)
        {
            Assert.Fail($"Record the referral: {await ErrorSummary.InnerTextAsync()}");
        }
        return await PreventCasePage.ArrivedAsync(Session);
    }
}

/// <summary>/prevent/refer: the public and partner referral form, for anyone, signed in or not.</summary>
public sealed class PublicReferralPage : AppPage
{
    public const string Path = "/prevent/refer";

    private PublicReferralPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Form => Page.GetByTestId("public-referral-form");
    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");
    public ILocator Confirmation => Page.GetByTestId("confirmation");
    public ILocator ReceiptReference => Page.GetByTestId("receipt-reference");
    public ILocator ReceiptMessage => Page.GetByTestId("receipt-message");

    public static async Task<PublicReferralPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync(Path);
        return await ArriveAsync(new PublicReferralPage(session), "Refer someone you are worried about to Prevent");
    }

    public Task FillAsync(ReferralDetails details) => ReferralFieldsFiller.FillAsync(Form, details, isPublic: true);

    /// <summary>Sends the form filled in: lands on the confirmation (the receipt).</summary>
    public async Task<PublicReferralPage> SendAsync()
    {
        await Session.SubmitAsync(Form.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }));
        if (await ErrorSummary.CountAsync() > 0)
        {
            Assert.Fail($"Send the referral: {await ErrorSummary.InnerTextAsync()}");
        }
        return await ArriveAsync(new PublicReferralPage(Session), "Referral sent");
    }
}

/// <summary>/prevent/cases/{id}: one Prevent case from referral to the reviews after exit. Every form on
/// it posts back to it.</summary>
public sealed class PreventCasePage : AppPage
{
    private PreventCasePage(BrowserSession session) : base(session)
    {
        Id = session.Path.Split('/')[3];
    }

    /// <summary>The case's id, from the address it was found at.</summary>
    public string Id { get; }
    public ILocator Reference => Page.GetByTestId("reference");
    public ILocator Stage => Page.GetByTestId("stage");
    public ILocator Person => Page.GetByTestId("person");
    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");
    public ILocator History => Page.GetByTestId("history");

    /// <summary>The browser is on a case page: its heading is the case's reference.</summary>
    public static async Task<PreventCasePage> ArrivedAsync(BrowserSession session)
    {
        var page = new PreventCasePage(session);
        await Expect(page.Reference).ToBeVisibleAsync();
        return await ArriveAsync(page, (await page.Reference.InnerTextAsync()).Trim());
    }

    public static async Task<PreventCasePage> GoAsync(BrowserSession session, string id)
    {
        await session.GotoAsync($"/prevent/cases/{id}");
        return await ArrivedAsync(session);
    }

    public ILocator Form(string testId) => Page.GetByTestId(testId);

    /// <summary>Submits a form by its button and returns the page it lands on (the same case).</summary>
    public async Task<PreventCasePage> SubmitAsync(ILocator form, string button)
    {
        await Session.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = button }));
        await Expect(Heading).ToBeVisibleAsync();
        return await ArrivedAsync(Session);
    }

    /// <summary>Submits a form that should succeed: fails with the error summary's text if one shows.</summary>
    public async Task<PreventCasePage> SubmitOkAsync(ILocator form, string button)
    {
        var next = await SubmitAsync(form, button);
        if (await next.ErrorSummary.CountAsync() > 0)
        {
            Assert.Fail($"{button}: {await next.ErrorSummary.InnerTextAsync()}");
        }
        return next;
    }

    public Task<PreventCasePage> DeconflictAsync() => SubmitOkAsync(Form("deconflict-form"), "Run deconfliction check");

    public async Task<PreventCasePage> RecordGatewayAsync(string finding, string outcome, string reason)
    {
        var form = Form("gateway-form");
        await form.GetByRole(AriaRole.Group, new() { Name = "Finding" }).GetByLabel(finding, new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Group, new() { Name = "Outcome" }).GetByLabel(outcome, new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Reason for the outcome").FillAsync(reason);
        return await SubmitOkAsync(form, "Record the gateway outcome");
    }

    /// <summary>Opens the vulnerability assessment by its link on the case.</summary>
    public async Task<VafPage> OpenVafAsync()
    {
        await Session.SubmitAsync(Page.GetByTestId("vaf-link"));
        return await VafPage.ArrivedAsync(Session);
    }

    /// <summary>Fills the decision form (the meeting is the latest one listed) and submits it; the caller checks the outcome.</summary>
    public async Task<PreventCasePage> DecideAsync(string decision, string rationale, string? meeting = null)
    {
        var form = Form("decision-form");
        if (meeting is not null)
        {
            await form.GetByLabel("Meeting").SelectOptionAsync(new SelectOptionValue { Label = meeting });
        }
        await form.GetByRole(AriaRole.Group, new() { Name = "Decision", Exact = true }).GetByLabel(decision, new() { Exact = true }).CheckAsync();
        await form.GetByLabel("The panel's rationale").FillAsync(rationale);
        return await SubmitAsync(form, "Record the decision");
    }

    public async Task<PreventCasePage> RecordConsentAsync(string givenBy, string name, string relationship, DateOnly on, string how, bool hasCapacity, string? notes = null)
    {
        var form = Form("consent-form");
        await form.GetByRole(AriaRole.Group, new() { Name = "Was consent given?" }).GetByLabel("Yes, consent was given").CheckAsync();
        await form.GetByRole(AriaRole.Group, new() { Name = "Given or refused by" }).GetByLabel(givenBy, new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("Relationship to the person").FillAsync(relationship);
        await PreventDates.FillAsync(form, "Date", on);
        await form.GetByRole(AriaRole.Group, new() { Name = "How" }).GetByLabel(how, new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Group, new() { Name = "Does the person have capacity to consent for themselves?" })
            .GetByLabel(hasCapacity ? "Yes" : "No", new() { Exact = true }).CheckAsync();
        if (notes is not null)
        {
            await form.GetByLabel("Notes (optional)").FillAsync(notes);
        }
        return await SubmitOkAsync(form, "Record consent");
    }

    public async Task<PreventCasePage> AddInterventionAsync(string kind, string provider, DateOnly startsOn, string? notes = null)
    {
        var form = Form("intervention-form");
        await form.GetByLabel("Kind of support").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await form.GetByLabel("Provider", new() { Exact = true }).FillAsync(provider);
        await PreventDates.FillAsync(form, "Starts on", startsOn);
        if (notes is not null)
        {
            await form.GetByLabel("Notes (optional)").FillAsync(notes);
        }
        return await SubmitOkAsync(form, "Add support");
    }

    public async Task<PreventCasePage> ExitAsync(DateOnly on, string reason)
    {
        var form = Form("exit-form");
        await PreventDates.FillAsync(form, "Exit date", on);
        await form.GetByLabel("The panel's reason for exit").FillAsync(reason);
        return await SubmitOkAsync(form, "Record the exit");
    }

    /// <summary>The row of the reviews table for a kind of review (Progress, SixMonth, TwelveMonth).</summary>
    public ILocator Review(string kind) => Page.Locator($"[data-testid=review][data-kind={kind}]");

    /// <summary>Records a review that is due, by its own form.</summary>
    public async Task<PreventCasePage> CompleteReviewAsync(string kind, DateOnly on, string findings, bool concernsRemain)
    {
        var form = Page.Locator($"[data-testid=review-form][data-kind={kind}]");
        await PreventDates.FillAsync(form, "Date of the review", on);
        await form.GetByLabel("What the review found").FillAsync(findings);
        await form.GetByRole(AriaRole.Group, new() { Name = "Do concerns remain?" }).GetByLabel(concernsRemain ? "Yes" : "No", new() { Exact = true }).CheckAsync();
        return await SubmitOkAsync(form, "Record the review");
    }
}

/// <summary>/prevent/cases/{id}/vaf: the vulnerability assessment, a judgement on each of the 22 factors.</summary>
public sealed class VafPage : AppPage
{
    private VafPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Form => Page.GetByTestId("vaf-form");
    public ILocator Factors => Form.GetByTestId("factor");
    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");

    public static Task<VafPage> ArrivedAsync(BrowserSession session) => ArriveAsync(new VafPage(session), "Vulnerability assessment");

    /// <summary>Fills in a judgement (its label, e.g. "Present") with notes on every factor, the meeting
    /// (its label in the list, when given) and the three summaries.</summary>
    public async Task FillAsync(DateOnly on, string? meeting, Func<int, string> judgement, string engagement, string intent, string capability)
    {
        await Form.GetByLabel("Date of the assessment").FillAsync(PreventDates.Input(on));
        if (meeting is not null)
        {
            await Form.GetByLabel("Panel meeting (optional)").SelectOptionAsync(new SelectOptionValue { Label = meeting });
        }
        var factors = await Factors.AllAsync();
        for (var i = 0; i < factors.Count; i++)
        {
            await factors[i].GetByRole(AriaRole.Radio, new() { Name = judgement(i), Exact = true }).CheckAsync();
            await factors[i].GetByRole(AriaRole.Textbox).FillAsync($"Panel's notes on factor {i + 1} (fictional)");
        }
        await Form.GetByLabel("Summary of engagement").FillAsync(engagement);
        await Form.GetByLabel("Summary of intent").FillAsync(intent);
        await Form.GetByLabel("Summary of capability").FillAsync(capability);
    }

    /// <summary>Records what was filled in: lands back on the case.</summary>
    public async Task<PreventCasePage> RecordAsync()
    {
        await Session.SubmitAsync(Form.GetByRole(AriaRole.Button, new() { Name = "Record the assessment" }));
        if (await ErrorSummary.CountAsync() > 0)
        {
            Assert.Fail($"Record the assessment: {await ErrorSummary.InnerTextAsync()}");
        }
        return await PreventCasePage.ArrivedAsync(Session);
    }
}

/// <summary>/prevent/panels/{code}: one Channel panel, its members, agenda and meetings.</summary>
public sealed class ChannelPanelPage : AppPage
{
    private ChannelPanelPage(BrowserSession session, string code, string localAuthority) : base(session)
    {
        Code = code;
        LocalAuthority = localAuthority;
    }

    public string Code { get; }
    public string LocalAuthority { get; }
    public ILocator Agenda => Page.GetByTestId("agenda");
    public ILocator Meetings => Page.GetByTestId("meetings");
    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");

    public static async Task<ChannelPanelPage> OpenAsync(BrowserSession session, string code, string localAuthority)
    {
        await session.GotoAsync($"/prevent/panels/{code}");
        return await ArriveAsync(new ChannelPanelPage(session, code, localAuthority), localAuthority);
    }

    public async Task<ChannelPanelPage> RecordMeetingAsync(DateOnly heldOn, string location, string attendees)
    {
        var form = Page.GetByTestId("add-meeting");
        await form.GetByLabel("Date", new() { Exact = true }).FillAsync(PreventDates.Input(heldOn));
        await form.GetByLabel("Location (optional)").FillAsync(location);
        await form.GetByLabel("Attendees (optional)").FillAsync(attendees);
        await Session.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Record the meeting" }));
        var next = await ArriveAsync(new ChannelPanelPage(Session, Code, LocalAuthority), LocalAuthority);
        if (await next.ErrorSummary.CountAsync() > 0)
        {
            Assert.Fail($"Record the meeting: {await next.ErrorSummary.InnerTextAsync()}");
        }
        return next;
    }
}

/// <summary>/prevent/reviews-due: reviews falling due within 14, 30 or 90 days, and overdue ones.</summary>
public sealed class ReviewsDuePage : AppPage
{
    private ReviewsDuePage(BrowserSession session) : base(session)
    {
    }

    public ILocator Rows => Page.GetByTestId("review-row");

    public static async Task<ReviewsDuePage> OpenAsync(BrowserSession session, int days)
    {
        await session.GotoAsync($"/prevent/reviews-due?days={days}");
        return await ArriveAsync(new ReviewsDuePage(session), "Reviews due");
    }
}

/// <summary>/prevent/statistics: the tables of the Home Office release for a year.</summary>
public sealed class PreventStatisticsPage : AppPage
{
    private PreventStatisticsPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Tables => Page.GetByTestId("statistics-tables");

    public static async Task<PreventStatisticsPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/prevent/statistics");
        return await ArriveAsync(new PreventStatisticsPage(session), "Individuals referred to and supported through the Prevent Programme");
    }
}
