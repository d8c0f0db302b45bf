using System.Text.Json;
using Vigil.Web.Operations;

namespace Vigil.Web.Tests.Operations;

/// <summary>Surge resourcing end to end through the API: an incident's need-to-know group decides who reads it and who
/// may ask; the proposal draws on other units without taking any below its minimum cover; decisions need reasons and
/// cannot break a minimum; deployments show in both units' views, arrive and stand down.</summary>
public sealed class SurgeTests(VigilApp app) : IClassFixture<VigilApp>
{
    private string Day(int fromToday) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(fromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Guid> DeclareAsync(HttpClient noc, string name) =>
        (await Answers.OkAsync(await noc.PostAsJsonAsync("/api/v1/operations/incidents", new { name, kind = "attack", leadUnit = "london", classification = "Secret" })))
            .GetProperty("id").GetGuid();

    private static async Task BriefAsync(HttpClient noc, Guid incident, params string[] emails)
    {
        foreach (var email in emails)
        {
            await Answers.OkAsync(await noc.PostAsJsonAsync($"/api/v1/operations/incidents/{incident}/briefed", new { email }));
        }
    }

    private object Ask(string capability, int officers, int from = 1, int to = 5, string priority = "High") =>
        new { capability, officers, from = Day(from), to = Day(to), where = "Fictional Street police station", priority };

    /// <summary>For every unit, capability and day: the officers deployed away never exceed what is available less the minimum cover.</summary>
    private Task<List<string>> BreachesAsync() => app.AsSystemAsync(async db =>
    {
        var capacity = await db.Set<UnitCapacity>().ToListAsync();
        var away = (await db.Set<SurgeAllocation>().ToListAsync()).Where(a => a.IsDeployment).ToList();
        var breaches = new List<string>();
        foreach (var g in away.SelectMany(a => a.Days().Select(d => (a.GivingUnitId, a.Capability, Day: d))).Distinct())
        {
            var entry = UnitCapacity.InForce(capacity.Where(c => c.UnitId == g.GivingUnitId && c.Capability == g.Capability), g.Day)!;
            var gone = away.Where(a => a.GivingUnitId == g.GivingUnitId && a.Capability == g.Capability).Sum(a => a.AwayOn(g.Day));
            if (entry.Available - gone < entry.MinimumCover)
            {
                breaches.Add($"{g.GivingUnitId} {g.Capability} {g.Day}: {entry.Available} - {gone} < {entry.MinimumCover}");
            }
        }
        return breaches;
    });

    [Fact]
    public async Task AnIncident_IsReadOnlyByThoseBriefed_AndOnlyARegionalUnitsSioAsks()
    {
        using var noc = await app.ApiClientAsync(DemoUsers.CoordinatorNoc);
        var id = await DeclareAsync(noc, "Operation Fictional Lantern");
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        // Not briefed: the incident answers exactly as one that does not exist.
        var hidden = await sio.GetAsync($"/api/v1/operations/incidents/{id}");
        var missing = await sio.GetAsync($"/api/v1/operations/incidents/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await missing.Content.ReadAsStringAsync()), Problems.WithoutTrace(await hidden.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await sio.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/requests", Ask("investigators", 2))).StatusCode);
        Assert.DoesNotContain((await Answers.OkAsync(await sio.GetAsync("/api/v1/operations/incidents"))).EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        // Only the operations centre declares and briefs.
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.PostAsJsonAsync("/api/v1/operations/incidents", new { name = "X", kind = "attack", leadUnit = "london" })).StatusCode);
        var unknown = await noc.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/briefed", new { email = "nobody@vigil.example" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        // An officer cleared below the incident's classification cannot be briefed on it.
        var low = await noc.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/briefed", new { email = DemoUsers.InvestigatorNorthWest });
        Assert.Equal(HttpStatusCode.BadRequest, low.StatusCode);
        Assert.Contains("clearance", await low.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await BriefAsync(noc, id, DemoUsers.SioLondon, DemoUsers.IntelligenceLondon);
        var read = await Answers.OkAsync(await sio.GetAsync($"/api/v1/operations/incidents/{id}"));
        Assert.True(read.GetProperty("mayRequest").GetBoolean());
        // Briefed, but not an SIO or coordinator: may read, may not ask.
        using var intelligence = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        Assert.False((await Answers.OkAsync(await intelligence.GetAsync($"/api/v1/operations/incidents/{id}"))).GetProperty("mayRequest").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await intelligence.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/requests", Ask("investigators", 2))).StatusCode);

        // The request's rules: a known capability, today or later, at most eight weeks.
        var bad = await sio.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/requests", new { capability = "wizards", officers = 0, from = Day(-1), to = Day(60), where = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "Capability", "Officers", "From", "Where" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        var long8 = await sio.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/requests", Ask("investigators", 2, 1, 60));
        Assert.Contains("eight weeks", await long8.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<SurgeRequest>().CountAsync(r => r.IncidentId == id)));
        // (Another capability than the proposal's test asks for: the class's tests share one network.)
        await Answers.OkAsync(await sio.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/requests", Ask("digital-forensics", 2)));
        Assert.Equal(1, await app.AsSystemAsync(db => db.Set<SurgeRequest>().CountAsync(r => r.IncidentId == id)));
    }

    [Fact]
    public async Task TheProposal_DrawsOnOtherUnits_NeverBelowMinimumCover_AndTheDeploymentsShowInBothUnitsViews()
    {
        using var noc = await app.ApiClientAsync(DemoUsers.CoordinatorNoc);
        var id = await DeclareAsync(noc, "Operation Fictional Harbour");
        await BriefAsync(noc, id, DemoUsers.SioLondon, DemoUsers.SioWestMidlands);
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        using var midlands = await app.ApiClientAsync(DemoUsers.SioWestMidlands);
        // Every unit holds 12 investigators keeping 9, and 3 surveillance teams keeping 2 (the demo's capacity).
        await Answers.OkAsync(await london.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/requests", Ask("investigators", 8)));
        await Answers.OkAsync(await midlands.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/requests", Ask("surveillance-teams", 1)));

        // Only the operations centre sees the board and proposes.
        Assert.Equal(HttpStatusCode.Forbidden, (await london.PostAsJsonAsync("/api/v1/operations/board/proposal", new { })).StatusCode);
        var proposal = await Answers.OkAsync(await noc.PostAsJsonAsync("/api/v1/operations/board/proposal", new { neighbourPreference = 10 }));
        Assert.True(proposal.GetProperty("optimal").GetBoolean());
        var board = await Answers.OkAsync(await noc.GetAsync("/api/v1/operations/board"));
        var requests = board.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("incidentId").GetGuid() == id).ToList();
        // Beside the requests, what each unit can offer: nothing is deployed yet, so every unit has its 3 investigators to spare.
        var offers = board.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("capability").GetString() == "investigators").GetProperty("units").EnumerateArray().ToList();
        Assert.Contains(offers, u => u.GetProperty("unit").GetString() == "South East" && u.GetProperty("spare").GetInt32() == 3);
        var lines = requests.SelectMany(r => r.GetProperty("lines").EnumerateArray().Select(l => (Request: r, Line: l))).ToList();
        Assert.Equal(8, lines.Where(p => p.Request.GetProperty("requestingUnitCode").GetString() == "london").Sum(p => p.Line.GetProperty("officers").GetInt32()));
        Assert.Equal(1, lines.Where(p => p.Request.GetProperty("requestingUnitCode").GetString() == "west-midlands").Sum(p => p.Line.GetProperty("officers").GetInt32()));
        Assert.All(lines, p => Assert.NotEqual(p.Request.GetProperty("requestingUnitCode").GetString(), p.Line.GetProperty("givingUnitCode").GetString()));
        Assert.True(lines.Select(p => p.Line.GetProperty("givingUnitCode").GetString()).Distinct().Count() >= 3);
        // Each line says why; with 3 to spare each, London's neighbours give first.
        Assert.All(lines, p => Assert.Contains("to spare", p.Line.GetProperty("why").GetString(), StringComparison.Ordinal));
        var londonGivers = lines.Where(p => p.Request.GetProperty("requestingUnitCode").GetString() == "london").ToDictionary(p => p.Line.GetProperty("givingUnitCode").GetString()!, p => p.Line.GetProperty("officers").GetInt32());
        Assert.Equal(3, londonGivers["south-east"]);
        Assert.Equal(3, londonGivers["eastern"]);

        // A change beyond what the unit can spare is refused, naming the number, and saves nothing.
        var first = lines.First(p => p.Line.GetProperty("givingUnitCode").GetString() == "south-east" && p.Request.GetProperty("requestingUnitCode").GetString() == "london").Line;
        var tooMany = await noc.PostAsJsonAsync($"/api/v1/operations/lines/{first.GetProperty("id").GetGuid()}/decision", new { decision = "Change", officers = 4, reason = "More are needed" });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("minimum cover", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noReason = await noc.PostAsJsonAsync($"/api/v1/operations/lines/{first.GetProperty("id").GetGuid()}/decision", new { decision = "Reject" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<SurgeAllocation>().CountAsync(a => a.IncidentId == id && a.Status != AllocationStatus.Proposed)));

        Assert.True((await Answers.OkAsync(await noc.PostAsJsonAsync("/api/v1/operations/board/accept-all", new { reason = "As proposed" }))).GetInt32() >= lines.Count);
        Assert.Equal(lines.Count, await app.AsSystemAsync(db => db.Set<SurgeAllocation>().CountAsync(a => a.IncidentId == id && a.Status == AllocationStatus.Accepted && a.Reason == "As proposed")));
        Assert.Empty(await BreachesAsync());
        // Decided lines cannot be decided again.
        Assert.Equal(HttpStatusCode.Conflict, (await noc.PostAsJsonAsync($"/api/v1/operations/lines/{first.GetProperty("id").GetGuid()}/decision", new { decision = "Accept" })).StatusCode);

        // The giving unit's view shows its officers out, and the receiving unit's the officers in; neither sees the other's view.
        var londonView = await Answers.OkAsync(await london.GetAsync("/api/v1/operations/units/london"));
        Assert.Equal(8, londonView.GetProperty("in").EnumerateArray().Where(l => l.GetProperty("capability").GetString() == "investigators").Sum(l => l.GetProperty("officers").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await london.GetAsync("/api/v1/operations/units/south-east")).StatusCode);
        var seView = await Answers.OkAsync(await noc.GetAsync("/api/v1/operations/units/south-east"));
        var investigators = seView.GetProperty("capacity").EnumerateArray().Single(r => r.GetProperty("capability").GetString() == "investigators");
        Assert.Equal(9, investigators.GetProperty("days").EnumerateArray().Min(d => d.GetProperty("atHome").GetInt32()));
        Assert.Contains(seView.GetProperty("out").EnumerateArray(), l => l.GetProperty("officers").GetInt32() == 3 && l.GetProperty("deploymentState").GetString() == "Travelling");

        // A second proposal finds nothing more to give to a met request, and the units' spare is what the deployments left.
        var again = await Answers.OkAsync(await noc.PostAsJsonAsync("/api/v1/operations/board/proposal", new { }));
        Assert.Equal(0, again.GetProperty("lines").GetInt32());

        // Arrival is the receiving unit's to record; standing down returns the officers home.
        var line = londonView.GetProperty("in").EnumerateArray().First(l => l.GetProperty("givingUnitCode").GetString() == "south-east" && l.GetProperty("capability").GetString() == "investigators").GetProperty("id").GetGuid();
        using var midlandsReader = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        Assert.Equal(HttpStatusCode.NotFound, (await midlandsReader.PostAsync($"/api/v1/operations/lines/{line}/arrived", null)).StatusCode);
        Assert.Equal("Arrived", (await Answers.OkAsync(await london.PostAsync($"/api/v1/operations/lines/{line}/arrived", null))).GetProperty("deploymentState").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await london.PostAsync($"/api/v1/operations/lines/{line}/arrived", null)).StatusCode);
        Assert.Equal("Stood down", (await Answers.OkAsync(await noc.PostAsync($"/api/v1/operations/lines/{line}/stood-down", null))).GetProperty("deploymentState").GetString());
        var after = await Answers.OkAsync(await noc.GetAsync("/api/v1/operations/units/south-east"));
        var today = after.GetProperty("capacity").EnumerateArray().Single(r => r.GetProperty("capability").GetString() == "investigators").GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(12, today.Skip(1).First().GetProperty("atHome").GetInt32());
    }

    [Fact]
    public async Task Capacity_IsKeptByTheUnitOrTheOperationsCentre_WithItsRules()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        var bad = await sio.PostAsJsonAsync("/api/v1/operations/capacity", new { capability = "investigators", from = Day(1), to = Day(3), available = 4, minimumCover = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("MinimumCover", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.PostAsJsonAsync("/api/v1/operations/capacity", new { unit = "wales", capability = "investigators", from = Day(1), to = Day(3), available = 4, minimumCover = 2 })).StatusCode);

        // A later entry replaces an earlier one for its days only.
        var view = await Answers.OkAsync(await sio.PostAsJsonAsync("/api/v1/operations/capacity", new { capability = "financial-investigators", from = Day(2), to = Day(3), available = 30, minimumCover = 5 }));
        var row = view.GetProperty("capacity").EnumerateArray().Single(r => r.GetProperty("capability").GetString() == "financial-investigators").GetProperty("days").EnumerateArray().ToList();
        Assert.NotEqual(30, row[1].GetProperty("available").GetInt32());
        Assert.Equal(30, row[2].GetProperty("available").GetInt32());
        Assert.Equal(30, row[3].GetProperty("available").GetInt32());
        Assert.NotEqual(30, row[4].GetProperty("available").GetInt32());

        using var investigator = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        Assert.Equal(HttpStatusCode.Forbidden, (await investigator.PostAsJsonAsync("/api/v1/operations/capacity", new { capability = "investigators", from = Day(1), to = Day(3), available = 4, minimumCover = 2 })).StatusCode);
        // Reading its own unit's view, yes; another's, as if it did not exist.
        await Answers.OkAsync(await investigator.GetAsync("/api/v1/operations/units/north-west"));
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync("/api/v1/operations/units/wales")).StatusCode);
    }

    [Fact]
    public async Task TheGivingUnit_NamesItsOfficers_AndEachSeesTheDeploymentInTheirOwnView()
    {
        using var noc = await app.ApiClientAsync(DemoUsers.CoordinatorNoc);
        // Only the North West has covert internet investigators to spare over these days.
        foreach (var unit in Vigil.Web.Network.NetworkReferenceData.RegionalUnits.Where(u => u.Code != "north-west"))
        {
            await Answers.OkAsync(await noc.PostAsJsonAsync("/api/v1/operations/capacity", new { unit = unit.Code, capability = "covert-internet", from = Day(1), to = Day(3), available = 0, minimumCover = 0 }));
        }
        var id = await DeclareAsync(noc, "Operation Fictional Gannet");
        await BriefAsync(noc, id, DemoUsers.SioLondon);
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        await Answers.OkAsync(await london.PostAsJsonAsync($"/api/v1/operations/incidents/{id}/requests", Ask("covert-internet", 1, 1, 3)));
        await Answers.OkAsync(await noc.PostAsJsonAsync("/api/v1/operations/board/proposal", new { }));
        var line = await app.AsSystemAsync(db => db.Set<SurgeAllocation>().SingleAsync(a => a.IncidentId == id));
        Assert.Equal("north-west", await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Id == line.GivingUnitId).Select(u => u.Code).SingleAsync()));
        using var northWest = await app.ApiClientAsync(DemoUsers.SioNorthWest);
        // Not yet a deployment: nobody can be named on it.
        Assert.Equal(HttpStatusCode.Conflict, (await northWest.PostAsJsonAsync($"/api/v1/operations/lines/{line.Id}/officers", new { email = DemoUsers.InvestigatorNorthWest })).StatusCode);
        await Answers.OkAsync(await noc.PostAsJsonAsync($"/api/v1/operations/lines/{line.Id}/decision", new { decision = "Accept" }));

        // Only the giving unit's SIO (or the NOC) names, only its own officers, only as many as are going.
        Assert.Equal(HttpStatusCode.Forbidden, (await london.PostAsJsonAsync($"/api/v1/operations/lines/{line.Id}/officers", new { email = DemoUsers.InvestigatorLondon })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await northWest.PostAsJsonAsync($"/api/v1/operations/lines/{line.Id}/officers", new { email = DemoUsers.InvestigatorLondon })).StatusCode);
        // An officer of the unit cleared below the (SECRET) incident cannot be named; nor an address with no account, alike.
        var low = await northWest.PostAsJsonAsync($"/api/v1/operations/lines/{line.Id}/officers", new { email = DemoUsers.InvestigatorNorthWest });
        var nobody = await northWest.PostAsJsonAsync($"/api/v1/operations/lines/{line.Id}/officers", new { email = "nobody@vigil.example" });
        Assert.Equal(HttpStatusCode.BadRequest, low.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await low.Content.ReadAsStringAsync()), Problems.WithoutTrace(await nobody.Content.ReadAsStringAsync()));
        var named = await Answers.OkAsync(await northWest.PostAsJsonAsync($"/api/v1/operations/lines/{line.Id}/officers", new { email = DemoUsers.IntelligenceNorthWest }));
        Assert.Equal("DC Pavel Okafor-Lund", Assert.Single(named.GetProperty("named").EnumerateArray()).GetString());
        // As many as are going, and no more.
        Assert.Equal(HttpStatusCode.BadRequest, (await northWest.PostAsJsonAsync($"/api/v1/operations/lines/{line.Id}/officers", new { email = DemoUsers.SioNorthWest })).StatusCode);

        using var officer = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        var mine = await Answers.OkAsync(await officer.GetAsync("/api/v1/operations/my-deployments"));
        var deployment = Assert.Single(mine.EnumerateArray());
        Assert.Equal("London", deployment.GetProperty("requestingUnit").GetString());
        // The officer is not briefed on the incident: they see where and when, not its name, nor why their unit was chosen.
        Assert.Equal(JsonValueKind.Null, deployment.GetProperty("incident").ValueKind);
        Assert.DoesNotContain("to spare", deployment.GetProperty("why").GetString(), StringComparison.Ordinal);
        using var other = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        Assert.Empty((await Answers.OkAsync(await other.GetAsync("/api/v1/operations/my-deployments"))).EnumerateArray());
    }
}
