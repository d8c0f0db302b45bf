using System.Text.Json;
using Vigil.Web.Platform.Audit;

namespace Vigil.Web.Tests.Network;

public sealed class NetworkTests(VigilApp app) : IClassFixture<VigilApp>
{
    // From DOMAIN.md's table: unit, kind, number of forces, CT lead force.
    public static TheoryData<string, string, int, string> RegionalUnits => new()
    {
        { "London", "Ctu", 2, "Metropolitan" },
        { "North East", "Ctu", 7, "West Yorkshire" },
        { "North West", "Ctu", 6, "Greater Manchester" },
        { "South East", "Ctu", 5, "Thames Valley" },
        { "West Midlands", "Ctu", 4, "West Midlands" },
        { "Eastern", "Ctiu", 6, "Bedfordshire" },
        { "East Midlands", "Ctiu", 5, "Derbyshire" },
        { "Northern Ireland", "Ctiu", 1, "PSNI" },
        { "Scotland", "Ctiu", 1, "Police Scotland" },
        { "South West", "Ctiu", 7, "Avon & Somerset" },
        { "Wales", "Ctiu", 4, "South Wales" },
    };

    [Theory]
    [MemberData(nameof(RegionalUnits))]
    public async Task Units_AsSeeded_MatchTheNetworkTable(string name, string kind, int forces, string leadForce)
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var units = await api.GetFromJsonAsync<JsonElement>("/api/v1/network/units");
        var unit = units.EnumerateArray().Single(u => u.GetProperty("name").GetString() == name);
        Assert.Equal(kind, unit.GetProperty("kind").GetString());
        Assert.Equal(forces, unit.GetProperty("forces").GetArrayLength());
        var lead = unit.GetProperty("forces").EnumerateArray().Single(f => f.GetProperty("isLeadForce").GetBoolean());
        Assert.Equal(leadForce, lead.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Network_HasHeadquartersOperationsCentreTeamsAndPartners()
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var units = (await api.GetFromJsonAsync<JsonElement>("/api/v1/network/units")).EnumerateArray().ToList();
        Assert.Equal(11, units.Count(u => u.GetProperty("kind").GetString() is "Ctu" or "Ctiu"));
        Assert.Single(units, u => u.GetProperty("kind").GetString() == "Headquarters");
        var teams = units.Where(u => u.GetProperty("parentCode").GetString() == "noc").Select(u => u.GetProperty("name").GetString()).ToList();
        Assert.Equal(4, teams.Count);
        Assert.Contains(teams, t => t!.EndsWith("Firearms Suppression", StringComparison.Ordinal));
        var partners = (await api.GetFromJsonAsync<JsonElement>("/api/v1/network/partners")).EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("mi5", partners);
        Assert.Contains("cps", partners);
        Assert.Contains("home-office", partners);
    }

    [Fact]
    public async Task EditUnit_AsAdministrator_SavesAndAudits()
    {
        var page = await app.SignInAsync(DemoUsers.Admin);
        var response = await page.SubmitAsync("/network/units/scotland/edit", "edit-unit", new()
        {
            ["Input.Name"] = "Scotland",
            ["Input.ContactEmail"] = "ct.duty@scotland.vigil.example",
            ["Input.ContactPhone"] = "0141 000 0000",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, unit) = await page.GetAsync("/network/units/scotland");
        Assert.Contains("ct.duty@scotland.vigil.example", unit.Body!.TextContent, StringComparison.Ordinal);
        var entry = await app.AsSystemAsync(db => db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync(e => e.RecordType == "unit" && e.RecordId == "scotland"));
        Assert.Equal(AuditActions.Update, entry.Action);
        Assert.Equal(DemoUsers.Admin, entry.UserName);
        Assert.Contains("ContactEmail", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditUnit_InvalidEmail_ShowsErrorSummaryAndSavesNothing()
    {
        var page = await app.SignInAsync(DemoUsers.Admin);
        var response = await page.SubmitAsync("/network/units/wales/edit", "edit-unit", new()
        {
            ["Input.Name"] = "",
            ["Input.ContactEmail"] = "not an email",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("Enter the unit&#x27;s name", html, StringComparison.Ordinal);
        Assert.Equal("Wales", await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "wales").Select(u => u.Name).SingleAsync()));
    }

    [Fact]
    public async Task EditUnit_NotAdministrator_PostIsRefusedAndNothingChanges()
    {
        var admin = await app.SignInAsync(DemoUsers.Admin);
        var (_, form) = await admin.GetAsync("/network/units/eastern/edit");
        var token = ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var analyst = await app.SignInAsync(DemoUsers.AnalystWales);
        var response = await analyst.PostFormAsync("/network/units/eastern/edit", [new("_handler", "edit-unit"), new("__RequestVerificationToken", token), new("Input.Name", "Hijacked")]);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        Assert.Equal("Eastern", await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "eastern").Select(u => u.Name).SingleAsync()));
    }
}

public sealed class ReadmeTests
{
    private static string Readme()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Vigil.slnx")))
        {
            dir = dir.Parent;
        }
        return File.ReadAllText(Path.Combine(dir.FullName, "README.md"));
    }

    [Fact]
    public void DemoAccountsTable_MatchesTheSeededAccounts()
    {
        var readme = Readme();
        Assert.Contains($"**`{Vigil.Web.Platform.Data.DemoData.Password}`**", readme, StringComparison.Ordinal);
        foreach (var account in Vigil.Web.Platform.Data.DemoData.Accounts)
        {
            var row = readme.Split('\n').SingleOrDefault(l => l.StartsWith($"| `{account.Email}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"README has no row for {account.Email}");
            Assert.Contains(account.AuthenticatorKey is { } key ? $"`{key}`" : "not needed", row, StringComparison.Ordinal);
        }
    }
}
