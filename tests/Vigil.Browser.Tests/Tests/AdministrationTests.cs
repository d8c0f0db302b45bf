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

    [Fact]
    public async Task NewSecretAccount_WaitsForASecondAdministrator_AndItsHolderChoosesThePassword()
    {
        var email = $"wren.achterberg.{Guid.NewGuid().ToString("N")[..6]}@test.vigil.example";
        var admin = await SignInAsync(DemoUsers.SecurityAdmin);
        var form = await NewUserPage.OpenAsync(admin.Session);
        await form.CreateAsync(email, "Wren Achterberg", "London", "SECRET", "Investigator");
        await Expect(form.PendingNote).ToContainTextAsync("SECRET");
        var link = new Uri(await form.SetUpLink.InnerTextAsync()).PathAndQuery;
        await form.ScreenshotAsync("user-created.png");

        // The holder sets the password nobody else knows; the link then dies.
        var holder = await NewSessionAsync();
        var setUp = await SetUpAccountPage.OpenAsync(holder, link);
        var signIn = await setUp.SetPasswordAsync("Wren-Chooses-2026");
        await Expect(signIn.Page.GetByTestId("set-up-done")).ToBeVisibleAsync();
        await holder.GotoAsync(link);
        await Expect(holder.Page.GetByTestId("set-up-invalid")).ToBeVisibleAsync();

        // The administrator who asked cannot approve; a second one, cleared as high, can, now that the holder has set up.
        var own = await ApprovalsPage.OpenAsync(admin.Session);
        await Expect(own.Card(email).GetByTestId("cannot-decide")).ToBeVisibleAsync();
        var vetting = await SignInAsync(DemoUsers.VettingAdmin);
        var approvals = await ApprovalsPage.OpenAsync(vetting.Session);
        await approvals.ScreenshotAsync("approvals.png");
        approvals = await approvals.ApproveAsync(email);
        await Expect(approvals.Decided).ToContainTextAsync("Approved");
        await Expect(approvals.Card(email)).ToHaveCountAsync(0);

        // SECRET needs two-factor: the first sign-in goes to setting it up.
        signIn = await SignInPage.OpenAsync(holder);
        await signIn.Email.FillAsync(email);
        await signIn.Password.FillAsync("Wren-Chooses-2026");
        await holder.SubmitAsync(signIn.SignInButton);
        await Expect(holder.Page.Locator("main h1")).ToHaveTextAsync("Set up two-factor authentication");
    }
}
