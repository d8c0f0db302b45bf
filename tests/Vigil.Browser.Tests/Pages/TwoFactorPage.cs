namespace Vigil.Browser.Tests.Pages;

/// <summary>/account/sign-in/two-factor: the 6-digit code from the authenticator app.</summary>
public sealed class TwoFactorPage : AppPage
{
    public const string Path = "/account/sign-in/two-factor";

    private TwoFactorPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Code => Page.Locator("#Code");
    public ILocator ContinueButton => Page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true });

    public static Task<TwoFactorPage> ArrivedAsync(BrowserSession session) =>
        ArriveAsync(new TwoFactorPage(session), "Enter your security code");

    public async Task<HomePage> ContinueAsync(string code)
    {
        await Code.FillAsync(code);
        await Session.SubmitAsync(ContinueButton);
        return await HomePage.ArrivedAsync(Session);
    }
}
