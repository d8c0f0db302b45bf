using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

public sealed class SignInTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    // Not used by any other browser test, so its failed-attempt count stays far from the lockout.
    private const string UnusedAccount = "analyst.wales@vigil.example";

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorSummary()
    {
        var signIn = await SignInPage.OpenAsync(await NewSessionAsync());
        await signIn.ScreenshotAsync("sign-in.png");

        var page = await signIn.SignInExpectingErrorsAsync(UnusedAccount, "not-the-password");

        await Expect(page.ErrorSummary).ToContainTextAsync("There is a problem");
        await Expect(page.ErrorSummary).ToContainTextAsync("Enter a correct email address and password");
        await Expect(page.SignedInAs).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignIn_EmptyForm_ShowsWhatIsMissing()
    {
        var signIn = await SignInPage.OpenAsync(await NewSessionAsync());

        var page = await signIn.SignInExpectingErrorsAsync("", "");

        await Expect(page.ErrorSummary).ToContainTextAsync("Enter your email address");
        await Expect(page.ErrorSummary).ToContainTextAsync("Enter your password");
        await Expect(page.SignedInAs).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Subjects_SignedOut_RedirectsToSignIn()
    {
        var session = await NewSessionAsync();
        await session.GotoAsync("/subjects");

        var signIn = await SignInPage.ArrivedAsync(session);

        Assert.Equal(SignInPage.Path, session.Path);
        await Expect(signIn.SignedInAs).ToHaveCountAsync(0);
    }
}
