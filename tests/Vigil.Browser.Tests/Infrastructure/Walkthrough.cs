using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>What every walkthrough does on each page it reaches, and with GOV.UK's date inputs.</summary>
public static class Walkthrough
{
    /// <summary>The page with this heading is shown (if a form's error summary is shown instead, the test fails
    /// with its words), axe finds nothing serious, the page fits its width, and the browser reported no problem.</summary>
    public static async Task ArriveAsync(this BrowserSession session, string heading)
    {
        var summary = session.Page.Locator(".govuk-error-summary");
        if (!(await session.Page.Locator("main h1").First.InnerTextAsync()).Contains(heading, StringComparison.Ordinal) && await summary.CountAsync() > 0)
        {
            Assert.Fail($"Expected \"{heading}\" but the form said: {await summary.InnerTextAsync()}");
        }
        await Expect(session.Page.Locator("main h1").First).ToContainTextAsync(heading);
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, heading);
        await Layout.AssertFitsAsync(session.Page, heading);
        Assert.True(session.Problems.Count == 0, string.Join(Environment.NewLine, session.Problems));
    }

    /// <summary>Types a date into the day, month and year boxes of the date input <paramref name="id"/>.</summary>
    public static async Task FillDateAsync(this IPage page, string id, DateOnly date)
    {
        await page.Locator($"#{id}-day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{id}-month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{id}-year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
