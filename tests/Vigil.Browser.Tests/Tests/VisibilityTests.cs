using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>What a user can see depends on their unit, clearance and need-to-know groups.</summary>
public sealed class VisibilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task SignIn_UsersOfDifferentUnits_SeeDifferentSubjects()
    {
        // North West investigator, cleared to OFFICIAL, password only.
        var northWestHome = await SignInAsync(DemoUsers.InvestigatorNorthWest);
        await Expect(northWestHome.SignedInAs).ToContainTextAsync(DemoUsers.Account(DemoUsers.InvestigatorNorthWest).DisplayName);
        await Expect(northWestHome.SignedInAs).ToContainTextAsync("North West");
        var northWestCount = await northWestHome.VisibleSubjectCountAsync();

        // London SIO, cleared to SECRET, with two-factor sign-in.
        var londonHome = await SignInAsync(DemoUsers.SioLondon);
        await Expect(londonHome.SignedInAs).ToContainTextAsync(DemoUsers.Account(DemoUsers.SioLondon).DisplayName);
        await Expect(londonHome.SignedInAs).ToContainTextAsync("London");
        var londonCount = await londonHome.VisibleSubjectCountAsync();
        await londonHome.ScreenshotAsync("home.png");

        Assert.True(northWestCount > 0, "The North West investigator should see some subjects");
        Assert.True(londonCount > 0, "The London SIO should see some subjects");
        Assert.NotEqual(northWestCount, londonCount);

        var northWestSubjects = await SubjectsPage.OpenAsync(northWestHome.Session);
        var northWestRows = await northWestSubjects.RowsAsync();
        var northWestTotal = await northWestSubjects.TotalAsync();
        var londonSubjects = await SubjectsPage.OpenAsync(londonHome.Session);
        var londonRows = await londonSubjects.RowsAsync();
        var londonTotal = await londonSubjects.TotalAsync();
        await londonSubjects.ScreenshotAsync("subjects.png");

        // Other browser tests run alongside and may record subjects meanwhile (never delete them), so
        // the list's total is at least the count the home page showed a moment earlier.
        Assert.InRange(northWestTotal, northWestCount, int.MaxValue);
        Assert.InRange(londonTotal, londonCount, int.MaxValue);
        Assert.Equal(Math.Min(northWestTotal, 25), northWestRows.Count);
        Assert.Equal(Math.Min(londonTotal, 25), londonRows.Count);
        Assert.All(northWestRows, r => Assert.Equal("North West", r.OwningUnit));
        Assert.All(northWestRows, r => Assert.StartsWith("OFFICIAL", r.Marking, StringComparison.Ordinal));
        Assert.All(londonRows, r => Assert.Equal("London", r.OwningUnit));
        Assert.All(londonRows, r => Assert.Contains(r.Marking, new[] { "OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET" }));
        Assert.Contains(londonRows, r => r.Marking == "SECRET");
        Assert.Empty(northWestRows.Select(r => r.Href).Intersect(londonRows.Select(r => r.Href)));

        // A London record opens for the SIO and is "Page not found", with a 404, for the North West investigator.
        var londonRecord = londonRows.First(r => r.Marking == "SECRET");
        var subject = await londonSubjects.OpenSubjectAsync(londonRecord);
        await Expect(subject.Marking).ToHaveTextAsync("SECRET");
        await subject.ScreenshotAsync("subject.png");

        var refused = await NotFoundPage.OpenAsync(northWestHome.Session, londonRecord.Href);
        Assert.Equal(404, refused.Status);
        await Expect(refused.Page.GetByTestId("subject-name")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AuditLog_Auditor_SeesEntries()
    {
        var home = await SignInAsync(DemoUsers.Auditor);
        await Expect(home.SignedInAs).ToContainTextAsync(DemoUsers.Account(DemoUsers.Auditor).DisplayName);

        var audit = await AuditLogPage.OpenAsync(home.Session);

        await Expect(audit.Entries).ToBeVisibleAsync();
        Assert.True(await audit.EntryCountAsync() > 0);
        await Expect(audit.Entries).ToContainTextAsync(DemoUsers.Auditor);
        await audit.ScreenshotAsync("audit-log.png");
    }

    [Fact]
    public async Task AuditLog_AuditorFiltersByAccountAndDays_ReadsInWordsAndFitsATablet()
    {
        var home = await SignInAsync(DemoUsers.Auditor);
        var audit = await AuditLogPage.OpenAsync(home.Session);

        // A reversed range is an error summary linked to the field, not a page of results.
        var reversed = await audit.FilterAsync(from: ("2", "1", "2026"), to: ("1", "1", "2026"));
        await Expect(reversed.ErrorSummary).ToContainTextAsync("To must be the same as or after From");
        await Expect(reversed.ErrorSummary.Locator("a[href='#audit-to']")).ToHaveCountAsync(1);

        var today = DateTime.UtcNow;
        var mine = await (await AuditLogPage.OpenAsync(home.Session)).FilterAsync(DemoUsers.Auditor,
            from: (today.AddDays(-1).Day.ToString(CultureInfo.InvariantCulture), today.AddDays(-1).Month.ToString(CultureInfo.InvariantCulture), today.AddDays(-1).Year.ToString(CultureInfo.InvariantCulture)));
        await Expect(mine.ErrorSummary).ToHaveCountAsync(0);
        await Expect(mine.Entries).ToContainTextAsync("Signed in");
        await Expect(mine.Entries).ToContainTextAsync(DemoUsers.Account(DemoUsers.Auditor).DisplayName);
        await Expect(mine.Export).ToBeVisibleAsync();

        var overflow = await mine.OverflowAtAsync(768);
        Assert.True(overflow <= 0, $"the audit log is {overflow}px wider than a tablet");
    }

    [Fact]
    public async Task AuditLog_Investigator_PageNotFound()
    {
        var home = await SignInAsync(DemoUsers.InvestigatorNorthWest);

        var refused = await NotFoundPage.OpenAsync(home.Session, AuditLogPage.Path);

        Assert.Equal(404, refused.Status);
        await Expect(refused.Page.GetByTestId("audit-entries")).ToHaveCountAsync(0);
    }
}
