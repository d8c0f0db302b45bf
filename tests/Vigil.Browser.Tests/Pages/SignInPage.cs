namespace Vigil.Browser.Tests.Pages;

/// <summary>/account/sign-in: e-mail address and password.</summary>
public sealed class SignInPage : AppPage
{
    public const string Path = "/account/sign-in";

    private SignInPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Email => Page.GetByLabel("Email address", new() { Exact = true });
    public ILocator Password => Page.GetByLabel("Password", new() { Exact = true });
    public ILocator SignInButton => Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });
    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");

    public static async Task<SignInPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync(Path);
        return await ArrivedAsync(session);
    }

    /// <summary>The browser has been sent here, e.g. from a page that needs a signed-in user.</summary>
    public static Task<SignInPage> ArrivedAsync(BrowserSession session) => ArriveAsync(new SignInPage(session), "Sign in to Vigil");

    /// <summary>Signs in as a demo account, through the two-factor page when the account has it.</summary>
    public async Task<HomePage> SignInAsync(string email, string password = DemoUsers.Password)
    {
        await SubmitAsync(email, password);
        if (Session.Path == TwoFactorPage.Path)
        {
            var twoFactor = await TwoFactorPage.ArrivedAsync(Session);
            return await twoFactor.ContinueAsync(DemoUsers.CurrentCode(email));
        }
        return await HomePage.ArrivedAsync(Session);
    }

    /// <summary>Submits what is given and expects the sign-in page back with its errors.</summary>
    public async Task<SignInPage> SignInExpectingErrorsAsync(string email, string password)
    {
        await SubmitAsync(email, password);
        var page = await ArrivedAsync(Session);
        await Microsoft.Playwright.Assertions.Expect(page.ErrorSummary).ToBeVisibleAsync();
        return page;
    }

    private async Task SubmitAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await Session.SubmitAsync(SignInButton);
    }
}
