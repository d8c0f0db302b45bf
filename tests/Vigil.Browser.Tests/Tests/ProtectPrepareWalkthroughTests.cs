using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>Protect and Prepare in the browser: the London CTSA records a site of 1,200 people (enhanced tier), an
/// assessment with two recommendations, and completes one with evidence; the national duty officer raises the level
/// to CRITICAL, every unit's plan is activated and the London plan's adviser steps reach the CTSA's queue; a Temperer
/// deployment is recorded against the site; the level returns to SEVERE and the plans stand down; the history page
/// for the day shows it all. Every page checked by axe and for fit.</summary>
public sealed class ProtectPrepareWalkthroughTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task RecordLevelAsync(BrowserSession duty, string level, string basis)
    {
        await duty.GotoAsync("/prepare");
        await duty.ArriveAsync("Prepare");
        await duty.Page.Locator("#level-scope-National").CheckAsync();
        await duty.Page.Locator($"#level-level-{level}").CheckAsync();
        await duty.Page.Locator("#level-basis").FillAsync(basis);
        await duty.SubmitAsync(duty.Page.GetByTestId("record-level"));
        await duty.ArriveAsync("Prepare");
        await Expect(duty.Page.GetByTestId("done")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ASite_ItsAssessment_TheLevelToCriticalAndBack_AndTheDaysHistory()
    {
        var name = $"Fictional Harbour Arena {Guid.NewGuid().ToString("N")[..5]}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // The London CTSA records the site.
        var ctsa = (await SignInAsync(DemoUsers.CtsaLondon)).Session;
        await ctsa.GotoAsync("/protect");
        await ctsa.ArriveAsync("Protect");
        await ctsa.SubmitAsync(ctsa.Page.GetByTestId("new-site"));
        await ctsa.ArriveAsync("Record a site");
        // Nothing filled: the error summary, and nothing saved.
        await ctsa.SubmitAsync(ctsa.Page.GetByTestId("save-site"));
        await ctsa.ArriveAsync("Record a site");
        await Expect(ctsa.Page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the site's name");
        await ctsa.Page.Locator("#site-name").FillAsync(name);
        await ctsa.Page.Locator("#site-address").FillAsync("1 Fictional Quay, London");
        await ctsa.Page.Locator("#site-postcode").FillAsync("se1 9px");
        await ctsa.Page.Locator("#site-sector").SelectOptionAsync("stadia-arenas");
        await ctsa.Page.Locator("#site-kind-Premises").CheckAsync();
        await ctsa.Page.Locator("#site-capacity").FillAsync("1200");
        await ctsa.SubmitAsync(ctsa.Page.GetByTestId("save-site"));
        await ctsa.ArriveAsync(name);
        await Expect(ctsa.Page.GetByTestId("tier")).ToHaveTextAsync("Enhanced tier");
        await Expect(ctsa.Page.GetByTestId("missing-evidence")).ToContainTextAsync("designated senior individual");
        await Expect(ctsa.Page.GetByTestId("site-map").Locator("circle")).ToHaveCountAsync(1);
        var sitePath = ctsa.Path;

        // An assessment with two recommendations; one completed with evidence.
        await ctsa.SubmitAsync(ctsa.Page.GetByTestId("record-assessment"));
        await ctsa.ArriveAsync("Record an assessment");
        await ctsa.Page.FillDateAsync("assess-visitedon", today.AddDays(-1));
        await ctsa.Page.Locator("#assess-deter").FillAsync("Stewards visible at the main gates");
        await ctsa.Page.Locator("#assess-detect").FillAsync("No CCTV on the river walkway");
        await ctsa.Page.Locator("#assess-r1text").FillAsync("Cover the river walkway with CCTV");
        await ctsa.Page.Locator("#assess-r1priority-High").CheckAsync();
        await ctsa.Page.Locator("#assess-r1owner").FillAsync("Head of security");
        await ctsa.Page.FillDateAsync("assess-r1due", today.AddDays(30));
        await ctsa.Page.Locator("#assess-r2text").FillAsync("Brief all stewards on Run Hide Tell");
        await ctsa.Page.Locator("#assess-r2priority-Medium").CheckAsync();
        await ctsa.Page.Locator("#assess-r2owner").FillAsync("Operations manager");
        // A due date before the visit: refused, and what was typed is kept.
        await ctsa.Page.FillDateAsync("assess-r2due", today.AddDays(-5));
        await ctsa.SubmitAsync(ctsa.Page.GetByTestId("save-assessment"));
        await ctsa.ArriveAsync("Record an assessment");
        await Expect(ctsa.Page.Locator(".govuk-error-summary")).ToContainTextAsync("on or after the date of the visit");
        await Expect(ctsa.Page.Locator("#assess-r1text")).ToHaveValueAsync("Cover the river walkway with CCTV");
        await ctsa.Page.FillDateAsync("assess-r2due", today.AddDays(14));
        await ctsa.SubmitAsync(ctsa.Page.GetByTestId("save-assessment"));
        await ctsa.ArriveAsync(name);
        await Expect(ctsa.Page.GetByTestId("recommendation")).ToHaveCountAsync(2);
        await ctsa.SubmitAsync(ctsa.Page.GetByTestId("complete-recommendation-1"));
        await ctsa.ArriveAsync("Record recommendation 1 as done");
        await ctsa.Page.Locator("#complete-evidence").FillAsync("Photographs of the new cameras, sent by the head of security");
        await ctsa.SubmitAsync(ctsa.Page.GetByTestId("save-completion"));
        await ctsa.ArriveAsync(name);
        await Expect(ctsa.Page.GetByTestId("recommendation-status").First).ToContainTextAsync("Done");
        await Screenshots.SaveAsync(ctsa.Page, "protect-site.png");

        // The national duty officer raises the level to CRITICAL: every unit's plan is activated.
        var duty = (await SignInAsync(DemoUsers.DutyNoc)).Session;
        await RecordLevelAsync(duty, "Critical", "JTAC assessment (fictional reference JT-2026-12): an attack is expected in the near future");
        await Expect(duty.Page.GetByTestId("threat-level-national")).ToHaveTextAsync("CRITICAL");
        await duty.SubmitAsync(duty.Page.GetByTestId("board-link"));
        await duty.ArriveAsync("National board");
        await Expect(duty.Page.GetByTestId("board-line")).ToHaveCountAsync(11);
        await Screenshots.SaveAsync(duty.Page, "prepare-board.png");

        // The London plan's adviser steps are in the London CTSA's queue.
        await ctsa.GotoAsync("/prepare");
        await ctsa.ArriveAsync("Prepare");
        await Expect(ctsa.Page.GetByTestId("threat-level-national")).ToHaveTextAsync("CRITICAL");
        await Expect(ctsa.Page.GetByTestId("my-steps")).ToContainTextAsync("London Critical Threat Plan");
        await Expect(ctsa.Page.GetByTestId("my-steps")).ToContainTextAsync("designated senior individuals");

        // A Temperer request, and a deployment against the site.
        await duty.GotoAsync("/prepare/military-support");
        await duty.ArriveAsync("Military support");
        await duty.Page.Locator("#request-operation-Temperer").CheckAsync();
        await duty.Page.Locator("#request-personnel").FillAsync("300");
        await duty.Page.FillDateAsync("request-from", today);
        await duty.Page.FillDateAsync("request-to", today.AddDays(7));
        await duty.Page.Locator("#request-reason").FillAsync("Guard crowded places so that armed officers can redeploy");
        await duty.SubmitAsync(duty.Page.GetByTestId("request-support"));
        await duty.ArriveAsync("Operation Temperer");
        await duty.Page.Locator("#deploy-siteid").SelectOptionAsync(new SelectOptionValue { Label = $"{name}, SE1 9PX" });
        await duty.Page.Locator("#deploy-personnel").FillAsync("40");
        await duty.SubmitAsync(duty.Page.GetByTestId("deploy"));
        await duty.ArriveAsync("Operation Temperer");
        await Expect(duty.Page.GetByTestId("deployments")).ToContainTextAsync(name);
        await Expect(duty.Page.GetByTestId("deployed")).ToContainTextAsync("40 of 300");

        // Back to SEVERE: the plans stand down.
        await RecordLevelAsync(duty, "Severe", "JTAC assessment (fictional reference JT-2026-13): an attack remains highly likely");
        await Expect(duty.Page.GetByTestId("threat-level-national")).ToHaveTextAsync("SEVERE");
        await duty.GotoAsync("/prepare/board");
        await duty.ArriveAsync("National board");
        await Expect(duty.Page.GetByTestId("board-empty")).ToBeVisibleAsync();
        await ctsa.GotoAsync("/prepare");
        await ctsa.ArriveAsync("Prepare");
        await Expect(ctsa.Page.GetByTestId("no-steps")).ToBeVisibleAsync();

        // The day's history: both changes, every plan that was active, the deployment.
        await duty.GotoAsync("/prepare/history");
        await duty.ArriveAsync("Prepare on");
        await Expect(duty.Page.GetByTestId("day-changes")).ToContainTextAsync("CRITICAL");
        await Expect(duty.Page.GetByTestId("day-changes")).ToContainTextAsync("SEVERE");
        await Expect(duty.Page.GetByTestId("day-plans").Locator("tbody tr")).ToHaveCountAsync(11);
        await Expect(duty.Page.GetByTestId("day-military")).ToContainTextAsync(name);
        await Screenshots.SaveAsync(duty.Page, "prepare-history.png");

        // The site's page still answers to its CTSA.
        await ctsa.GotoAsync(sitePath);
        await ctsa.ArriveAsync(name);
    }
}
