using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

public sealed class AdministrationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Admin_SignedInWithTwoFactor_OpensUsersAndNetwork()
    {
        var home = await SignInAsync(DemoUsers.Admin);
        await Expect(home.SignedInAs).ToContainTextAsync(DemoUsers.Account(DemoUsers.Admin).DisplayName);

        var users = await UsersPage.OpenAsync(home.Session);
        await Expect(users.Table).ToContainTextAsync(DemoUsers.Account(DemoUsers.SioLondon).DisplayName);

        var network = await NetworkPage.OpenAsync(home.Session);
        await Expect(network.RegionalUnits.Locator("tbody tr")).ToHaveCountAsync(11);
        await network.ScreenshotAsync("network.png");
    }
}
