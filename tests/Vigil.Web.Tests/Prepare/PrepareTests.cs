using System.Text.Json;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Prepare;

namespace Vigil.Web.Tests.Prepare;

/// <summary>The threat level and the plans it sets off: only the national duty officer records a change; a rise to
/// CRITICAL activates every unit's plan in the same save (and a fall stands them down); the national board, a unit's
/// steps in the queues of the roles that own them, completion with evidence; a change that cannot activate a plan
/// saves nothing; the history shows what was in force.</summary>
public sealed class PrepareTests(VigilApp app) : IClassFixture<VigilApp>
{
    private Task<int> ActiveAsync() => app.AsSystemAsync(db => db.Set<PlanActivation>().CountAsync(a => a.StoodDownAt == null));

    private Task<ThreatLevel> NationalAsync() => app.AsSystemAsync(db =>
        db.Set<ThreatLevelChange>().Where(c => c.Scope == ThreatLevelScope.National).OrderByDescending(c => c.RecordedAt).Select(c => c.Level).FirstAsync());

    private static object Level(ThreatLevel level, string basis = "JTAC assessment (fictional reference JT-0001)") =>
        new { scope = "National", level = level.ToString(), basis };

    [Fact]
    public async Task TheLevel_IsRecordedOnlyByTheNationalDutyOfficer_WithItsBasis()
    {
        var before = await NationalAsync();
        foreach (var who in new[] { DemoUsers.CoordinatorNoc, DemoUsers.SioLondon, DemoUsers.CtsaWales })
        {
            using var api = await app.ApiClientAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/v1/prepare/threat-levels", Level(ThreatLevel.Critical))).StatusCode);
        }
        using var duty = await app.ApiClientAsync(DemoUsers.DutyNoc);
        var missing = await duty.PostAsJsonAsync("/api/v1/prepare/threat-levels", new { scope = "National", level = "Critical", basis = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("basis", await missing.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var same = await duty.PostAsJsonAsync("/api/v1/prepare/threat-levels", Level(before));
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Equal(before, await NationalAsync());
        Assert.Equal(0, await ActiveAsync());

        // Everyone signed in reads the levels and their meaning.
        using var reader = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var levels = await Answers.OkAsync(await reader.GetAsync("/api/v1/prepare/threat-levels"));
        Assert.Equal(2, levels.GetArrayLength());
        Assert.Contains(levels.EnumerateArray(), l => l.GetProperty("scope").GetString() == "NorthernIreland");
    }

    [Fact]
    public async Task Critical_ActivatesEveryUnitsPlan_StepsReachTheirOwnersQueues_AndSevereStandsThemDown()
    {
        using var duty = await app.ApiClientAsync(DemoUsers.DutyNoc);
        var plans = await app.AsSystemAsync(db => db.Set<ThreatPlan>().CountAsync());
        Assert.Equal(11, plans);

        var raised = await Answers.OkAsync(await duty.PostAsJsonAsync("/api/v1/prepare/threat-levels", Level(ThreatLevel.Critical)));
        Assert.Equal(11, raised.GetProperty("activated").GetArrayLength());
        var changeId = await app.AsSystemAsync(db => db.Set<ThreatLevelChange>().OrderByDescending(c => c.RecordedAt).Select(c => new { c.Id, c.RecordedAt }).FirstAsync());
        // Made in the save that recorded the change, each with its steps and their deadlines from the change.
        var activations = await app.AsSystemAsync(db => db.Set<PlanActivation>().Where(a => a.StoodDownAt == null).ToListAsync());
        Assert.Equal(11, activations.Count);
        Assert.All(activations, a => Assert.Equal(changeId.Id, a.ActivatedByChangeId));
        Assert.All(activations, a => Assert.Equal(PrepareReferenceData.CriticalPlanSteps.Count, a.Steps.Count));
        Assert.All(activations.SelectMany(a => a.Steps), s => Assert.Equal(changeId.RecordedAt.AddHours(PrepareReferenceData.CriticalPlanSteps.Single(p => p.Number == s.Number).DeadlineHours), s.DueAt));
        // Each unit is told in its inbox.
        Assert.Equal(11, await app.AsSystemAsync(db => db.Set<InboxItem>().CountAsync(i => i.Subject.StartsWith("Activated: "))));
        // Raising again (from CRITICAL down and up is another change; CRITICAL again is refused) activates nothing twice.
        Assert.Equal(HttpStatusCode.BadRequest, (await duty.PostAsJsonAsync("/api/v1/prepare/threat-levels", Level(ThreatLevel.Critical))).StatusCode);

        // The national board: every unit's plan, none acknowledged, nothing done.
        var board = await Answers.OkAsync(await duty.GetAsync("/api/v1/prepare/board"));
        Assert.Equal(11, board.GetArrayLength());
        Assert.All(board.EnumerateArray(), l => Assert.Equal(0, l.GetProperty("done").GetInt32()));
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.GetAsync("/api/v1/prepare/board")).StatusCode);

        // The London CTSA's queue holds the London plan's adviser steps, and nothing else.
        using var ctsa = await app.ApiClientAsync(DemoUsers.CtsaLondon);
        var steps = await Answers.OkAsync(await ctsa.GetAsync("/api/v1/prepare/my-steps"));
        var adviserSteps = PrepareReferenceData.CriticalPlanSteps.Count(s => s.OwnerRole == "SecurityAdviser");
        Assert.Equal(adviserSteps, steps.GetArrayLength());
        Assert.All(steps.EnumerateArray(), s => Assert.Equal("London Critical Threat Plan", s.GetProperty("plan").GetString()));
        var first = steps[0];
        var activationId = first.GetProperty("activationId").GetGuid();
        var number = first.GetProperty("number").GetInt32();

        // The SIO of London may not complete the adviser's step; the Wales CTSA finds London's activation missing.
        Assert.Equal(HttpStatusCode.Forbidden, (await sio.PostAsJsonAsync($"/api/v1/prepare/activations/{activationId}/steps/{number}", new { evidence = "done" })).StatusCode);
        using var wales = await app.ApiClientAsync(DemoUsers.CtsaWales);
        Assert.Equal(HttpStatusCode.NotFound, (await wales.GetAsync($"/api/v1/prepare/activations/{activationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wales.PostAsJsonAsync($"/api/v1/prepare/activations/{activationId}/steps/{number}", new { evidence = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ctsa.PostAsJsonAsync($"/api/v1/prepare/activations/{activationId}/steps/{number}", new { evidence = "" })).StatusCode);
        var done = await Answers.OkAsync(await ctsa.PostAsJsonAsync($"/api/v1/prepare/activations/{activationId}/steps/{number}", new { evidence = "Contact log entries 1-6" }));
        Assert.Equal("Contact log entries 1-6", done.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("number").GetInt32() == number).GetProperty("evidence").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await ctsa.PostAsJsonAsync($"/api/v1/prepare/activations/{activationId}/steps/{number}", new { evidence = "again" })).StatusCode);
        Assert.Equal(adviserSteps - 1, (await Answers.OkAsync(await ctsa.GetAsync("/api/v1/prepare/my-steps"))).GetArrayLength());
        var acknowledged = await Answers.OkAsync(await sio.PostAsJsonAsync($"/api/v1/prepare/activations/{activationId}/acknowledge", new { }));
        Assert.NotEqual(JsonValueKind.Null, acknowledged.GetProperty("acknowledgedAt").ValueKind);
        var london = (await Answers.OkAsync(await duty.GetAsync("/api/v1/prepare/board"))).EnumerateArray().Single(l => l.GetProperty("activationId").GetGuid() == activationId);
        Assert.Equal(1, london.GetProperty("done").GetInt32());

        // Down to SEVERE: every plan stood down in the same save; the queue empties; the history still shows them.
        var duringCritical = app.Clock.GetUtcNow();
        var lowered = await Answers.OkAsync(await duty.PostAsJsonAsync("/api/v1/prepare/threat-levels", Level(ThreatLevel.Severe, "JTAC: no longer expected in the near future")));
        Assert.Equal(11, lowered.GetProperty("stoodDown").GetArrayLength());
        Assert.Equal(0, await ActiveAsync());
        Assert.Equal(0, (await Answers.OkAsync(await ctsa.GetAsync("/api/v1/prepare/my-steps"))).GetArrayLength());
        Assert.Equal(0, (await Answers.OkAsync(await duty.GetAsync("/api/v1/prepare/board"))).GetArrayLength());
        var then = await Answers.OkAsync(await duty.GetAsync($"/api/v1/prepare/board?at={Uri.EscapeDataString(duringCritical.ToString("O"))}"));
        Assert.Equal(11, then.GetArrayLength());
        Assert.Equal(ThreatLevel.Severe, await NationalAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await ctsa.PostAsJsonAsync($"/api/v1/prepare/activations/{activationId}/steps/{number + 1}", new { evidence = "late" })).StatusCode);
    }

    [Fact]
    public async Task AChange_ThatCannotActivateAPlan_SavesNothing_AndSaysSo()
    {
        var broken = await app.AsSystemAsync(async db =>
        {
            var unit = await db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "wales").Select(u => u.Id).SingleAsync();
            // A deadline past the end of the calendar: the activation fails half-way through the plans.
            var plan = new ThreatPlan { UnitId = unit, Name = "Broken plan", Trigger = ThreatLevel.Low, Steps = [new() { Number = 1, Title = "Never", OwnerRole = "SIO", DeadlineHours = int.MaxValue }] };
            db.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });
        try
        {
            var before = await NationalAsync();
            var changes = await app.AsSystemAsync(db => db.Set<ThreatLevelChange>().CountAsync());
            var activations = await app.AsSystemAsync(db => db.Set<PlanActivation>().CountAsync());
            using var duty = await app.ApiClientAsync(DemoUsers.DutyNoc);
            var next = before == ThreatLevel.Critical ? ThreatLevel.Severe : ThreatLevel.Critical;
            var response = await duty.PostAsJsonAsync("/api/v1/prepare/threat-levels", Level(next));
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("Nothing was changed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(before, await NationalAsync());
            Assert.Equal(changes, await app.AsSystemAsync(db => db.Set<ThreatLevelChange>().CountAsync()));
            Assert.Equal(activations, await app.AsSystemAsync(db => db.Set<PlanActivation>().CountAsync()));
        }
        finally
        {
            await app.AsSystemAsync(async db =>
            {
                db.Remove(await db.Set<ThreatPlan>().SingleAsync(p => p.Id == broken));
                await db.SaveChangesAsync();
            });
        }
    }
}
