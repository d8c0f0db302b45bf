using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>The National Operations Centre and the national picture in the browser, as issue 17's "Done when": the NOC
/// coordinator declares an incident and briefs London and the West Midlands; London asks for investigators and the West
/// Midlands for a surveillance team; the optimiser proposes cover from at least three other units without taking any
/// below its minimum cover; the coordinator accepts it and the deployments appear on the units' pages. Then HQ's
/// planner opens the national picture and a budget scenario and downloads both as CSV and XLSX. Every page checked by
/// axe and for fit.</summary>
public sealed class SurgeNationalWalkthroughTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task AskAsync(BrowserSession sio, string incidentPath, string incident, string capability, int officers)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await sio.GotoAsync(incidentPath);
        await sio.ArriveAsync(incident);
        await sio.SubmitAsync(sio.Page.GetByTestId("ask-for-officers"));
        await sio.ArriveAsync("Ask for officers");
        await sio.Page.Locator("#ask-capability").SelectOptionAsync(capability);
        await sio.Page.Locator("#ask-officers").FillAsync(officers.ToString(CultureInfo.InvariantCulture));
        await sio.Page.FillDateAsync("ask-from", today.AddDays(1));
        await sio.Page.FillDateAsync("ask-to", today.AddDays(5));
        await sio.Page.Locator("#ask-where").FillAsync("Fictional Road police station");
        await sio.Page.Locator("#ask-priority-High").CheckAsync();
        await sio.SubmitAsync(sio.Page.GetByTestId("post-request"));
        await sio.ArriveAsync(incident);
        await Expect(sio.Page.GetByTestId("done")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheNocCoversTwoRegionsFromThreeOthers_AndHqExportsThePictureAndABudgetScenario()
    {
        var incident = $"Operation Fictional Beacon {Guid.NewGuid().ToString("N")[..5]}";

        // The coordinator declares the incident; an empty form is refused first.
        var noc = (await SignInAsync(DemoUsers.CoordinatorNoc)).Session;
        await noc.GotoAsync("/operations");
        await noc.ArriveAsync("Surge");
        await noc.SubmitAsync(noc.Page.GetByTestId("declare-incident"));
        await noc.ArriveAsync("Declare an incident");
        await noc.SubmitAsync(noc.Page.GetByTestId("declare"));
        await noc.ArriveAsync("Declare an incident");
        await Expect(noc.Page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the incident's name");
        await noc.Page.Locator("#declare-name").FillAsync(incident);
        await noc.Page.Locator("#declare-kind-attack").CheckAsync();
        await noc.Page.Locator("#declare-leadunit").SelectOptionAsync("london");
        await noc.SubmitAsync(noc.Page.GetByTestId("declare"));
        await noc.ArriveAsync(incident);
        var incidentPath = noc.Path;
        foreach (var email in new[] { DemoUsers.SioLondon, DemoUsers.SioWestMidlands })
        {
            await noc.Page.Locator("#brief-email").FillAsync(email);
            await noc.SubmitAsync(noc.Page.GetByTestId("brief"));
            await noc.ArriveAsync(incident);
        }
        await Expect(noc.Page.GetByTestId("briefed")).ToContainTextAsync("DCI Tariq Beaumont");

        // London asks for investigators; the West Midlands for a surveillance team.
        var london = (await SignInAsync(DemoUsers.SioLondon)).Session;
        await AskAsync(london, incidentPath, incident, "investigators", 8);
        var midlands = (await SignInAsync(DemoUsers.SioWestMidlands)).Session;
        await AskAsync(midlands, incidentPath, incident, "surveillance-teams", 1);

        // The proposal: cover from at least three other units, never from the asking unit.
        await noc.GotoAsync("/operations/board");
        await noc.ArriveAsync("The surge board");
        await noc.SubmitAsync(noc.Page.GetByTestId("propose"));
        await noc.ArriveAsync("The surge board");
        await Expect(noc.Page.GetByTestId("done")).ToContainTextAsync("Allocation proposed");
        var requests = noc.Page.GetByTestId("surge-request").Filter(new() { HasText = incident });
        await Expect(requests).ToHaveCountAsync(2);
        var givers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (asking, code) in new[] { ("London", "london"), ("West Midlands", "west-midlands") })
        {
            var lines = requests.Filter(new() { HasText = $"{asking} asks for" }).GetByTestId("line");
            Assert.True(await lines.CountAsync() > 0, $"no line for {asking}");
            foreach (var unit in await lines.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.unit)"))
            {
                Assert.NotEqual(code, unit);
                givers.Add(unit);
            }
        }
        Assert.True(givers.Count >= 3, $"cover from {string.Join(", ", givers)}");
        await Screenshots.SaveAsync(noc.Page, "surge-board.png");
        await noc.Page.Locator("#accept-all-reason").FillAsync("Cover as proposed for the first five days");
        await noc.SubmitAsync(noc.Page.GetByTestId("accept-all"));
        await noc.ArriveAsync("The surge board");
        await Expect(noc.Page.GetByTestId("done")).ToContainTextAsync("Every proposed line accepted");
        await Expect(requests.GetByTestId("allocated").First).ToHaveTextAsync("8 of 8");

        // The deployments on the units' pages: out of each giving unit (never below its minimum), into London.
        foreach (var unit in givers)
        {
            await noc.GotoAsync($"/operations/units/{unit}");
            await noc.ArriveAsync("");
            await Expect(noc.Page.GetByTestId("deployments-out")).ToContainTextAsync(incident);
            foreach (var row in await noc.Page.GetByTestId("capacity-row").AllAsync())
            {
                var minimum = int.Parse(await row.GetByTestId("minimum").InnerTextAsync(), CultureInfo.InvariantCulture);
                var atHome = int.Parse((await row.GetByTestId("at-home").InnerTextAsync()).Split(' ')[0], CultureInfo.InvariantCulture);
                Assert.True(atHome >= minimum, $"{unit}: {atHome} at home, minimum {minimum}");
            }
        }
        await Screenshots.SaveAsync(noc.Page, "surge-unit.png");
        await london.GotoAsync("/operations/units/mine");
        await london.ArriveAsync("London");
        await Expect(london.Page.GetByTestId("deployments-in").GetByTestId("deployment")).Not.ToHaveCountAsync(0);
        await Expect(london.Page.GetByTestId("deployments-in")).ToContainTextAsync("investigators");
        await midlands.GotoAsync("/operations/units/mine");
        await midlands.ArriveAsync("West Midlands");
        await Expect(midlands.Page.GetByTestId("deployments-in")).ToContainTextAsync("surveillance teams");

        // HQ's planner: the national picture, with its charts, downloaded both ways.
        var hq = (await SignInAsync(DemoUsers.PlanningHq)).Session;
        await hq.GotoAsync("/national");
        await hq.ArriveAsync("National picture");
        await Expect(hq.Page.GetByTestId("statistics-table").First).ToBeVisibleAsync();
        await Expect(hq.Page.Locator("[data-vigil-chart][data-ready]").First).ToBeAttachedAsync();
        var csv = await hq.Page.RunAndWaitForDownloadAsync(() => hq.Page.GetByTestId("export-csv").ClickAsync());
        Assert.StartsWith("national-picture-network-", csv.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("Live investigations by unit", await File.ReadAllTextAsync(await csv.PathAsync()), StringComparison.Ordinal);
        var xlsx = await hq.Page.RunAndWaitForDownloadAsync(() => hq.Page.GetByTestId("export-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        await Screenshots.SaveAsync(hq.Page, "national-picture.png");

        // A budget scenario: saved, split to the penny beside last year's, downloaded both ways.
        await hq.SubmitAsync(hq.Page.GetByTestId("budget-link"));
        await hq.ArriveAsync("Budget allocation advice");
        var scenario = $"Fictional baseline {Guid.NewGuid().ToString("N")[..5]}";
        await hq.Page.Locator("#scenario-name").FillAsync(scenario);
        await hq.Page.Locator("#scenario-financialyear").FillAsync("2027/28");
        await hq.Page.Locator("#scenario-totalpounds").FillAsync("633,000,000.01");
        await hq.Page.Locator("#scenario-w_population").FillAsync("many");
        await hq.SubmitAsync(hq.Page.GetByTestId("save-scenario"));
        await hq.ArriveAsync("Budget allocation advice");
        await Expect(hq.Page.Locator(".govuk-error-summary")).ToContainTextAsync("weight of population");
        await Expect(hq.Page.Locator("#scenario-name")).ToHaveValueAsync(scenario);
        await hq.Page.Locator("#scenario-w_population").FillAsync("15");
        await hq.SubmitAsync(hq.Page.GetByTestId("save-scenario"));
        await hq.ArriveAsync(scenario);
        await Expect(hq.Page.GetByTestId("split-line")).ToHaveCountAsync(11);
        await Expect(hq.Page.GetByTestId("split-total")).ToHaveTextAsync("£633,000,000.01");
        await Expect(hq.Page.GetByTestId("split")).ToContainTextAsync("2026/27");
        var scenarioCsv = await hq.Page.RunAndWaitForDownloadAsync(() => hq.Page.GetByTestId("scenario-csv").ClickAsync());
        Assert.Contains("Sensitivity", await File.ReadAllTextAsync(await scenarioCsv.PathAsync()), StringComparison.Ordinal);
        var scenarioXlsx = await hq.Page.RunAndWaitForDownloadAsync(() => hq.Page.GetByTestId("scenario-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", scenarioXlsx.SuggestedFilename, StringComparison.Ordinal);
        await Screenshots.SaveAsync(hq.Page, "budget-scenario.png");
    }
}
