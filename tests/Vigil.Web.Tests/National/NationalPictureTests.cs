using System.Text.Json;
using Vigil.Web.National;

namespace Vigil.Web.Tests.National;

/// <summary>The national picture keeps the aggregate rule: the network only for a finished month, counted once and kept,
/// small numbers suppressed; a unit's live figures count only its own records. Budget scenarios split their total to
/// the penny, are saved by HQ's planners only, compared and exported.</summary>
public sealed class NationalPictureTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static string Tables(JsonElement picture) => picture.GetProperty("tables").GetRawText();

    private static async Task OpenInvestigationAsync(HttpClient sio, string name) =>
        await Answers.OkAsync(await sio.PostAsJsonAsync("/api/v1/investigations", new
        {
            operationName = name, summary = "Fictional.", lead = "PoliceOnly", threatType = "extreme-right-wing", activities = Array.Empty<string>(), risk = "Medium", classification = "Official",
        }));

    [Fact]
    public async Task TheNetwork_IsForTheNationalRoles_ForAFinishedMonth_KeptUnchanged_AndSuppressed()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.GetAsync("/api/v1/national/picture?scope=Network")).StatusCode);

        using var noc = await app.ApiClientAsync(DemoUsers.CoordinatorNoc);
        var thisMonth = app.Clock.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.BadRequest, (await noc.GetAsync($"/api/v1/national/picture?scope=Network&month={thisMonth}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await noc.GetAsync("/api/v1/national/picture?scope=Network&month=last")).StatusCode);

        var before = await Answers.OkAsync(await noc.GetAsync("/api/v1/national/picture?scope=Network"));
        Assert.True(before.GetProperty("suppressed").GetBoolean());
        // Every shown count is 0 or at least 5: small numbers never leave the server.
        foreach (var table in before.GetProperty("tables").EnumerateArray())
        {
            foreach (var row in table.GetProperty("rows").EnumerateArray())
            {
                if (row.GetProperty("count").ValueKind == JsonValueKind.Number)
                {
                    Assert.True(row.GetProperty("count").GetInt32() is 0 or >= 5, $"{table.GetProperty("title")}: {row}");
                }
            }
        }
        // Work in any unit afterwards changes nothing of a finished month's figures.
        await OpenInvestigationAsync(sio, "FICTIONAL KESTREL");
        var after = await Answers.OkAsync(await noc.GetAsync("/api/v1/national/picture?scope=Network"));
        Assert.Equal(Tables(before), Tables(after));
        Assert.Equal(before.GetProperty("countedAt").GetString(), after.GetProperty("countedAt").GetString());
        Assert.Equal(1, await app.AsSystemAsync(db => db.Set<NationalSnapshot>().CountAsync()));
    }

    [Fact]
    public async Task AUnitsLiveFigures_CountItsOwnRecordsOnly()
    {
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        using var northWest = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        static int Live(JsonElement picture) => picture.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "investigations-unit")
            .GetProperty("total").GetProperty("count").GetInt32();
        var before = await Answers.OkAsync(await london.GetAsync("/api/v1/national/picture?scope=Unit"));
        Assert.False(before.GetProperty("suppressed").GetBoolean());
        Assert.Equal("London", before.GetProperty("covers").GetString());
        await OpenInvestigationAsync(northWest, "FICTIONAL OSPREY");
        Assert.Equal(Tables(before), Tables(await Answers.OkAsync(await london.GetAsync("/api/v1/national/picture?scope=Unit"))));
        await OpenInvestigationAsync(london, "FICTIONAL MERLIN");
        Assert.Equal(Live(before) + 1, Live(await Answers.OkAsync(await london.GetAsync("/api/v1/national/picture?scope=Unit"))));
    }

    [Fact]
    public async Task ThePicture_ExportsAsCsvAndXlsx_Audited()
    {
        // The downloads are the pages' (signed in with the cookie).
        var noc = (await app.SignInAsync(DemoUsers.CoordinatorNoc)).Http;
        var csv = await noc.GetAsync("/national/picture.csv?scope=Network");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Live investigations by unit", text, StringComparison.Ordinal);
        Assert.Contains("Overdue work", text, StringComparison.Ordinal);
        var xlsx = await noc.GetAsync("/national/picture.xlsx?scope=Network");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await noc.GetAsync("/national/picture.pdf?scope=Network")).StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.RecordType == "national-picture" && e.Action == Vigil.Web.Platform.Audit.AuditActions.Export)));
    }

    [Fact]
    public async Task AScenario_SplitsToThePenny_IsSavedOnlyByHqPlanners_ComparedAndExported()
    {
        using var planner = await app.ApiClientAsync(DemoUsers.PlanningHq);
        var bad = await planner.PostAsJsonAsync("/api/v1/national/budget/scenarios", new
        {
            name = "", financialYear = "2027/29", totalPounds = 1000.001m, weights = new Dictionary<string, decimal> { ["caseload"] = 0, ["wizards"] = 3 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "Name", "FinancialYear", "TotalPounds" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<BudgetScenario>().CountAsync()));

        var a = await Answers.OkAsync(await planner.PostAsJsonAsync("/api/v1/national/budget/scenarios", new { name = "Fictional baseline", financialYear = "2027/28", totalPounds = 633_000_000.01m }));
        var lines = a.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(11, lines.Count);
        Assert.Equal(63_300_000_001L, lines.Sum(l => l.GetProperty("pence").GetInt64()));
        Assert.Equal("2026/27", a.GetProperty("lastYear").GetString());
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Number, l.GetProperty("lastYearPence").ValueKind));
        // Every weighted indicator moves money both ways, and the moves of one weight net to nothing.
        foreach (var group in a.GetProperty("sensitivity").EnumerateArray().GroupBy(s => s.GetProperty("indicator").GetString()))
        {
            Assert.Equal(0, group.Sum(s => s.GetProperty("upPence").GetInt64()));
        }
        var b = await Answers.OkAsync(await planner.PostAsJsonAsync("/api/v1/national/budget/scenarios", new
        {
            name = "Fictional population-led", financialYear = "2027/28", totalPounds = 633_000_000m,
            weights = new Dictionary<string, decimal> { ["population"] = 1 },
        }));
        var compared = await Answers.OkAsync(await planner.GetAsync($"/api/v1/national/budget/compare?a={a.GetProperty("id")}&b={b.GetProperty("id")}"));
        Assert.Equal(-1, compared.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("differencePence").GetInt64()));

        // Auditors read; only planners save; other officers find nothing.
        using var auditor = await app.ApiClientAsync(DemoUsers.Auditor);
        await Answers.OkAsync(await auditor.GetAsync($"/api/v1/national/budget/scenarios/{a.GetProperty("id")}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/v1/national/budget/scenarios", new { name = "X", financialYear = "2027/28", totalPounds = 1 })).StatusCode);
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        Assert.Equal(HttpStatusCode.NotFound, (await sio.GetAsync($"/api/v1/national/budget/scenarios/{a.GetProperty("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.GetAsync("/api/v1/national/budget/scenarios")).StatusCode);

        var plannerPages = (await app.SignInAsync(DemoUsers.PlanningHq)).Http;
        var csv = await plannerPages.GetAsync($"/national/budget/{a.GetProperty("id")}/scenario.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Split", text, StringComparison.Ordinal);
        Assert.Contains("Sensitivity", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(DemoUsers.SioLondon)).Http.GetAsync($"/national/budget/{a.GetProperty("id")}/scenario.csv")).StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.RecordType == "budget-scenario" && e.Action == Vigil.Web.Platform.Audit.AuditActions.Export)));
    }
}
