using Vigil.Web.Subjects;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>A check finds the North West walkthrough record: the North West investigator sees it, the
/// Wales analyst sees only that North West holds a match and whom to contact.</summary>
public sealed class DeconflictionTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Check_ByAnotherUnit_ShowsOnlyWhoToContact()
    {
        var wales = await SignInAsync(DemoUsers.AnalystWales);
        var page = await DeconflictionPage.OpenAsync(wales.Session);
        var result = await page.CheckAsync("Operation WALKTHROUGH: number from a seized phone", phone: "07700 900111");
        await Expect(result.MaskedHits).ToHaveCountAsync(1);
        await Expect(result.MaskedHits).ToContainTextAsync("North West");
        await Expect(result.MaskedHits).ToContainTextAsync("duty.north-west@");
        await Expect(result.VisibleHits).ToHaveCountAsync(0);
        // The result is announced and has the focus, so a screen reader starts there.
        await Expect(result.Result).ToBeFocusedAsync();
        await Expect(result.ResultHeading).ToHaveTextAsync("1 match in the network");
        await Expect(result.Reference).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^DC-[0-9A-Z]{5}-[0-9A-Z]{5}$"));
        await Expect(result.Bands).ToHaveTextAsync(["Strong match"]);
        await Expect(result.ContactEmails.First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^mailto:duty\\.north-west@"));
        await result.ScreenshotAsync("deconfliction.png");

        var northWest = await SignInAsync(DemoUsers.InvestigatorNorthWest);
        var own = await (await DeconflictionPage.OpenAsync(northWest.Session)).CheckAsync("before recording a vehicle sighting", vehicle: SubjectsDemoSeed.WalkthroughVehicle);
        await Expect(own.VisibleHits).ToHaveCountAsync(1);
        await Expect(own.MaskedHits).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Check_WithoutPurpose_ShowsErrorSummary()
    {
        var wales = await SignInAsync(DemoUsers.AnalystWales);
        var page = await DeconflictionPage.OpenAsync(wales.Session);
        var result = await page.CheckAsync("", phone: "07700 900111");
        await Expect(result.ErrorSummary).ToContainTextAsync("Say why you are running this check");
    }
}
