using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Pages;

/// <summary>/investigations/new: the form that opens an investigation.</summary>
public sealed class OpenInvestigationPage : AppPage
{
    private OpenInvestigationPage(BrowserSession session) : base(session)
    {
    }

    public static async Task<OpenInvestigationPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/investigations/new");
        return await ArriveAsync(new OpenInvestigationPage(session), "Open an investigation");
    }

    public async Task<InvestigationPage> OpenInvestigationAsync(string operation, string threat, string risk, string classification, bool officialSensitive)
    {
        var form = Page.GetByTestId("open-form");
        await form.GetByLabel("Operation name").FillAsync(operation);
        await form.GetByLabel("Summary").FillAsync("Fictional: a group planning to attack a crowded place.");
        await form.GetByLabel("Joint", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Threat type").SelectOptionAsync(new SelectOptionValue { Label = threat });
        await form.GetByLabel("Attack planning").CheckAsync();
        await form.GetByLabel(risk, new() { Exact = true }).CheckAsync();
        await form.GetByLabel(classification, new() { Exact = true }).CheckAsync();
        if (officialSensitive)
        {
            await form.GetByLabel("Mark OFFICIAL-SENSITIVE").CheckAsync();
        }
        await Session.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Open the investigation" }));
        return await InvestigationPage.ArrivedAsync(Session, operation);
    }
}

/// <summary>/investigations/{id}[/section]: one investigation and its incident room. Each section is
/// reached through the sub-navigation and checked with axe on arrival.</summary>
public sealed class InvestigationPage : AppPage
{
    private InvestigationPage(BrowserSession session, string operation) : base(session)
    {
        Operation = operation;
    }

    public string Operation { get; }
    public string Id => Session.Path.Split('/')[2];
    public ILocator Phase => Page.GetByTestId("phase");
    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");

    public static Task<InvestigationPage> ArrivedAsync(BrowserSession session, string operation) =>
        ArriveAsync(new InvestigationPage(session, operation), operation);

    /// <summary>Opens a section by its link in the incident room's navigation.</summary>
    public async Task<InvestigationPage> SectionAsync(string linkText)
    {
        await Session.SubmitAsync(Page.GetByRole(AriaRole.Navigation, new() { Name = "Incident room" }).GetByRole(AriaRole.Link, new() { Name = linkText, Exact = true }));
        return await ArrivedAsync(Session, Operation);
    }

    public static async Task<InvestigationPage> GoAsync(BrowserSession session, string id, string operation, string section = "")
    {
        await session.GotoAsync($"/investigations/{id}{section}");
        return await ArrivedAsync(session, operation);
    }

    public ILocator Form(string testId) => Page.GetByTestId(testId);

    /// <summary>Submits a form by its button and returns the page it lands on (the same investigation).</summary>
    public async Task<InvestigationPage> SubmitAsync(ILocator form, string button)
    {
        await Session.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = button }));
        await Expect(Heading).ToBeVisibleAsync();
        return await ArrivedAsync(Session, Operation);
    }

    /// <summary>Submits a form that should succeed: fails with the error summary's text if one shows.</summary>
    public async Task<InvestigationPage> SubmitOkAsync(ILocator form, string button)
    {
        var next = await SubmitAsync(form, button);
        if (await next.ErrorSummary.CountAsync() > 0)
        {
            Assert.Fail($"{button}: {await next.ErrorSummary.InnerTextAsync()}");
        }
        return next;
    }

    public async Task<InvestigationPage> AddMemberAsync(string email, string role)
    {
        var form = Form("add-member-form");
        await form.GetByLabel("Officer's e-mail").FillAsync(email);
        await form.GetByLabel("Role in the team").SelectOptionAsync(new SelectOptionValue { Label = role });
        return await SubmitOkAsync(form, "Add to the team");
    }

    public async Task<InvestigationPage> MoveAsync(string to, string reason, string? outcome = null, string? openActionsReason = null)
    {
        var form = Form("move-form");
        await form.GetByRole(AriaRole.Radio, new() { Name = to, Exact = true }).CheckAsync();
        await form.GetByLabel("Reason for the change").FillAsync(reason);
        if (outcome is not null)
        {
            await form.GetByRole(AriaRole.Textbox, new() { Name = "Outcome", Exact = true }).FillAsync(outcome);
        }
        if (openActionsReason is not null)
        {
            await form.GetByLabel("Reason for closing with actions open").FillAsync(openActionsReason);
        }
        return await SubmitAsync(form, "Move the investigation");
    }
}
