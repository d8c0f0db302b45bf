using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>Retention under MoPI in the browser, as issue 18's "Done when": a records review officer disposes of a person
/// whose review is due (an empty decision refused first); after it the one search, a deconfliction check on the
/// person's name and date of birth and the person's own page know nothing of them; the auditor sees the tombstone.
/// Every page checked by axe and for fit.</summary>
public sealed class RetentionWalkthroughTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AReviewerDisposesOfADuePerson_AndOnlyTheTombstoneRemains()
    {
        // The reviewer's queue: the demo's London people last changed eleven years ago are due; take an OFFICIAL one.
        var reviewer = (await SignInAsync(DemoUsers.RecordsLondon)).Session;
        await reviewer.GotoAsync("/retention");
        await reviewer.ArriveAsync("Retention review");
        var row = reviewer.Page.GetByTestId("queue-row").Filter(new() { HasText = "OFFICIAL" }).First;
        var id = await row.GetAttributeAsync("data-id");
        var name = (await row.GetByRole(AriaRole.Link).InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(id));
        await Screenshots.SaveAsync(reviewer.Page, "retention-queue.png");

        // Known before: the SIO finds them in the search, and their page opens.
        var sio = await SignInAsync(DemoUsers.SioLondon);
        var found = await SearchPage.FromHeaderAsync(sio, name);
        await Expect(found.Page.Locator($"a[href='/subjects/{id}']").First).ToBeVisibleAsync();
        await sio.Session.GotoAsync($"/subjects/{id}");
        await sio.Session.ArriveAsync(name);
        var dateOfBirth = await sio.Page.GetByTestId("date-of-birth").InnerTextAsync();

        // The review: nothing chosen is refused with the summary; then disposed of.
        await reviewer.SubmitAsync(row.GetByRole(AriaRole.Link));
        await reviewer.ArriveAsync(name);
        await Expect(reviewer.Page.GetByTestId("blocker")).ToHaveCountAsync(0);
        await Expect(reviewer.Page.GetByTestId("plan")).ToContainTextAsync("deconfliction will not find them");
        await Screenshots.SaveAsync(reviewer.Page, "retention-review.png");
        await reviewer.SubmitAsync(reviewer.Page.GetByTestId("decide"));
        await reviewer.ArriveAsync(name);
        await Expect(reviewer.Page.Locator(".govuk-error-summary")).ToContainTextAsync("Choose whether to retain or dispose of the record");
        await reviewer.Page.Locator("#review-decision-Dispose").CheckAsync();
        await reviewer.SubmitAsync(reviewer.Page.GetByTestId("decide"));
        await reviewer.ArriveAsync("Retention review");
        await Expect(reviewer.Page.GetByTestId("done")).ToContainTextAsync("Record disposed of");
        await Expect(reviewer.Page.Locator($"[data-testid=queue-row][data-id='{id}']")).ToHaveCountAsync(0);

        // After: the search, a deconfliction check on name and date of birth, and the person's page know nothing.
        var after = await SearchPage.FromHeaderAsync(sio, name);
        await Expect(after.Page.Locator($"a[href='/subjects/{id}']")).ToHaveCountAsync(0);
        var check = await DeconflictionPage.OpenAsync(sio.Session);
        await check.Page.GetByLabel("Why are you running this check?").FillAsync("Retention walkthrough: is this person still known?");
        var parts = name.Split(' ', 2);
        await check.Page.Locator("#GivenName").FillAsync(parts[0]);
        await check.Page.Locator("#Surname").FillAsync(parts[1]);
        await check.Page.Locator("#DateOfBirth").FillAsync(DateOnly.ParseExact(dateOfBirth.Trim(), "d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await check.Session.SubmitAsync(check.Page.GetByRole(AriaRole.Button, new() { Name = "Run check" }));
        await check.Session.ArriveAsync("Run a deconfliction check");
        await Expect(check.Page.GetByTestId("result")).ToBeVisibleAsync();
        await Expect(check.Page.Locator($"a[href='/subjects/{id}']")).ToHaveCountAsync(0);
        await Expect(check.Page.GetByTestId("masked-hit").Filter(new() { HasText = name })).ToHaveCountAsync(0);
        await sio.Session.GotoAsync($"/subjects/{id}");
        await Expect(sio.Page.Locator("main h1")).ToContainTextAsync("Page not found");

        // The auditor: the tombstone, with the reviewer and the policy, and no name.
        var auditor = (await SignInAsync(DemoUsers.Auditor)).Session;
        await auditor.GotoAsync("/retention/disposals");
        await auditor.ArriveAsync("Disposals");
        var tombstone = auditor.Page.Locator($"[data-testid=tombstone][data-record='{id}']");
        await Expect(tombstone).ToContainTextAsync("DS Leontine Abara-Whitlock");
        await Expect(tombstone).ToContainTextAsync("Group 1");
        await Expect(auditor.Page.GetByTestId("tombstones")).Not.ToContainTextAsync(name);
        await Screenshots.SaveAsync(auditor.Page, "retention-disposals.png");
    }
}
