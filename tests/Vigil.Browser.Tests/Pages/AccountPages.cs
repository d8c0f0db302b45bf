using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Pages;

/// <summary>/admin/users/new: an administrator adds an account; no password is set, a one-time set-up link is shown once.</summary>
public sealed class NewUserPage : AppPage
{
    private NewUserPage(BrowserSession session) : base(session)
    {
    }

    public ILocator SetUpLink => Page.GetByTestId("set-up-link");
    public ILocator PendingNote => Page.GetByTestId("pending-note");

    public static async Task<NewUserPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/admin/users/new");
        return await ArriveAsync(new NewUserPage(session), "Add a user");
    }

    public async Task CreateAsync(string email, string name, string unit, string clearance, string role)
    {
        await Page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Page.GetByLabel("Unit", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = unit });
        await Page.GetByLabel("Clearance", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = clearance });
        await Page.GetByLabel(role, new() { Exact = true }).CheckAsync();
        await Session.SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }));
        await Expect(Page.GetByTestId("set-up-link-panel")).ToContainTextAsync("Account created");
    }
}

/// <summary>/admin/approvals: the second administrator's half of the two-person rule for clearances.</summary>
public sealed class ApprovalsPage : AppPage
{
    private ApprovalsPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Card(string email) => Page.GetByTestId("grant").Filter(new() { HasText = email });
    public ILocator Decided => Page.GetByTestId("decided");

    public static async Task<ApprovalsPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/admin/approvals");
        return await ArrivedAsync(session);
    }

    public static Task<ApprovalsPage> ArrivedAsync(BrowserSession session) => ArriveAsync(new ApprovalsPage(session), "Waiting for approval");

    public async Task<ApprovalsPage> ApproveAsync(string email)
    {
        await Session.SubmitAsync(Card(email).GetByRole(AriaRole.Button, new() { Name = "Approve" }));
        return await ArrivedAsync(Session);
    }
}

/// <summary>/account/set-up: the new account's holder chooses their own password through the one-time link.</summary>
public sealed class SetUpAccountPage : AppPage
{
    private SetUpAccountPage(BrowserSession session) : base(session)
    {
    }

    public static async Task<SetUpAccountPage> OpenAsync(BrowserSession session, string link)
    {
        await session.GotoAsync(link);
        return await ArriveAsync(new SetUpAccountPage(session), "Set up your account");
    }

    public async Task<SignInPage> SetPasswordAsync(string password)
    {
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(password);
        await Session.SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Set password" }));
        return await SignInPage.ArrivedAsync(Session);
    }
}
