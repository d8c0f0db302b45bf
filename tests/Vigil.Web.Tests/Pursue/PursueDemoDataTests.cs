using System.Text.Json;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Pursue;
using Vigil.Web.Subjects;

namespace Vigil.Web.Tests.Pursue;

/// <summary>The Pursue demo caseload: every phase across several units, each investigation keeping the
/// rules the services enforce, seen only by its team, with people linked from the Subjects demo pool.</summary>
public sealed class PursueDemoDataTests(VigilApp app) : IClassFixture<VigilApp>
{
    /// <summary>What SubjectsDemoSeed writes on every one of its fictional people.</summary>
    private const string SubjectsDemoSummary = "Fictional record created for the Vigil demonstration. No real person is described.";

    private sealed record Seeded(
        List<Investigation> Investigations, Dictionary<Guid, string> UnitCodes, Dictionary<Guid, HashSet<Guid>> GroupMembers,
        Dictionary<Guid, VigilUser> Users, List<ElgMeeting> Elg, List<InvestigationSubject> Links, List<InvestigationAction> Actions,
        List<PolicyEntry> Policy, List<Subject> Subjects, List<DisclosureItem> Disclosure, List<ScheduleSignOff> SignOffs, List<Exhibit> Exhibits,
        List<WitnessStatement> Statements, Guid KestrelGroup, DateTimeOffset Now);

    private static Task<Seeded> LoadAsync(VigilApp app) => app.AsSystemAsync(async db => new Seeded(
        await db.Set<Investigation>().AsNoTracking().ToListAsync(),
        await db.Set<Vigil.Web.Network.Unit>().ToDictionaryAsync(u => u.Id, u => u.Code),
        (await db.GroupMemberships.AsNoTracking().ToListAsync()).GroupBy(m => m.GroupId).ToDictionary(g => g.Key, g => g.Select(m => m.UserId).ToHashSet()),
        await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id),
        await db.Set<ElgMeeting>().AsNoTracking().ToListAsync(),
        await db.Set<InvestigationSubject>().AsNoTracking().ToListAsync(),
        await db.Set<InvestigationAction>().AsNoTracking().ToListAsync(),
        await db.Set<PolicyEntry>().AsNoTracking().ToListAsync(),
        await db.Set<Subject>().IgnoreQueryFilters().AsNoTracking().ToListAsync(),
        await db.Set<DisclosureItem>().AsNoTracking().ToListAsync(),
        await db.Set<ScheduleSignOff>().AsNoTracking().ToListAsync(),
        await db.Set<Exhibit>().AsNoTracking().ToListAsync(),
        await db.Set<WitnessStatement>().AsNoTracking().ToListAsync(),
        await db.NeedToKnowGroups.Where(g => g.Name == DemoData.KestrelGroup).Select(g => g.Id).SingleAsync(),
        app.Clock.GetUtcNow()));

    private static bool Reached(Investigation i, Phase phase) => i.Phase == phase || i.PhaseChanges.Any(c => c.To == phase);

    [Fact]
    public async Task Demo_HoldsInvestigationsInEveryPhaseAcrossSeveralUnits()
    {
        var s = await LoadAsync(app);
        Assert.True(s.Investigations.Count >= 30, $"only {s.Investigations.Count} demo investigations");
        Assert.Equal(PursueDemoSeed.OperationNames.Order(), s.Investigations.Select(i => i.OperationName).Order());
        Assert.Equal(s.Investigations.Count, s.Investigations.Select(i => i.OperationName.ToUpperInvariant()).Distinct().Count());
        Assert.All(s.Investigations, i => Assert.Matches("^Operation [A-Z]+$", i.OperationName));
        Assert.True(s.Investigations.Select(i => i.OwningUnitId).Distinct().Count() >= 3);
        var london = s.Investigations.Where(i => s.UnitCodes[i.OwningUnitId] == "london").ToList();
        foreach (var phase in Enum.GetValues<Phase>())
        {
            Assert.True(s.Investigations.Count(i => i.Phase == phase) >= 2, $"{phase} appears fewer than twice");
            Assert.Contains(london, i => i.Phase == phase);
        }
        foreach (var unit in new[] { "north-west", "west-midlands" })
        {
            Assert.True(s.Investigations.Count(i => s.UnitCodes[i.OwningUnitId] == unit) >= 5, $"{unit} has too few");
        }
        // A mix of everything that describes a case.
        Assert.Equal(3, s.Investigations.Select(i => i.Lead).Distinct().Count());
        Assert.Equal(3, s.Investigations.Select(i => i.Risk).Distinct().Count());
        Assert.True(s.Investigations.Select(i => i.ThreatType).Distinct().Count() >= 4);
        Assert.True(s.Investigations.SelectMany(i => i.Activities.Select(a => a.Code)).Distinct().Count() >= 5);
        Assert.Contains(s.Investigations, i => i.Classification == Classification.Official && i.OfficialSensitive);
        Assert.True(s.Investigations.Count(i => i.Classification == Classification.Secret) > s.Investigations.Count / 2);
        var codes = PursueReferenceSeed.Items.Select(r => r.Code).ToHashSet();
        Assert.All(s.Investigations, i => Assert.True(codes.Contains(i.ThreatType) && i.Activities.All(a => codes.Contains(a.Code)), i.OperationName));

        // Operation KESTREL reuses the demo group rather than having a second one.
        var kestrel = Assert.Single(s.Investigations, i => i.OperationName == "Operation KESTREL");
        Assert.Equal(s.KestrelGroup, kestrel.GroupId);
        Assert.Equal(1, await app.AsSystemAsync(db => db.NeedToKnowGroups.CountAsync(g => g.Name.StartsWith("Operation KESTREL"))));

        // The incident rooms have something in them, with some actions overdue.
        var today = DateOnly.FromDateTime(s.Now.UtcDateTime);
        var overdue = s.Actions.Where(a => a.IsOpen && a.DueDate < today).ToList();
        Assert.True(overdue.Count >= 5, $"only {overdue.Count} overdue actions");
        Assert.Contains(overdue, a => london.Any(i => i.Id == a.InvestigationId));
        Assert.Equal(Enum.GetValues<ActionState>().Length, s.Actions.Select(a => a.State).Distinct().Count());
        Assert.NotEmpty(s.Exhibits);
        Assert.All(s.Exhibits, e => Assert.NotEmpty(e.Continuity));
        Assert.NotEmpty(s.Statements);
        Assert.Contains(s.Elg, m => m.SharedWith.Count > 0);
    }

    [Fact]
    public async Task Demo_EveryInvestigationKeepsTheRulesTheServicesEnforce()
    {
        var s = await LoadAsync(app);
        var problems = new List<string>();
        void Check(bool ok, Investigation i, string rule)
        {
            if (!ok)
            {
                problems.Add($"{i.OperationName} ({i.Phase}): {rule}");
            }
        }
        foreach (var i in s.Investigations)
        {
            var members = s.GroupMembers.GetValueOrDefault(i.GroupId) ?? [];
            Check(i.NeedToKnow.Any(g => g.GroupId == i.GroupId), i, "its need-to-know holds its team's group");
            Check(i.Team.All(m => members.Contains(m.UserId)), i, "every team member is in the group");
            Check(i.Team.All(m => s.Users[m.UserId].Clearance >= i.Classification), i, "every team member is cleared for it");
            Check(i.Team.All(m => s.Users[m.UserId].UnitId == i.OwningUnitId), i, "the team belongs to the owning unit");
            Check(i.Team.Count(m => m.Role == TeamRole.Sio) <= 1, i, "at most one SIO");
            Check(!i.OfficialSensitive || i.Classification == Classification.Official, i, "OFFICIAL-SENSITIVE only on OFFICIAL");

            // The phase history runs from intelligence development to the current phase, by the rules, in time.
            var changes = i.PhaseChanges.OrderBy(c => c.At).ToList();
            var at = Phase.IntelligenceDevelopment;
            var when = i.OpenedAt;
            foreach (var c in changes)
            {
                Check(c.From == at && (c.To == at + 1 || c.To == Phase.Closed), i, $"{c.From} to {c.To} is a legal move from {at}");
                Check(c.At > when && c.At <= s.Now, i, "phase changes are in order and in the past");
                Check(c.Reason.Length >= 5 && c.By.Length > 0, i, "each change has a reason and an author");
                at = c.To;
                when = c.At;
            }
            Check(at == i.Phase, i, "the history ends at the current phase");
            Check((i.Phase == Phase.Closed) == (i.ClosedAt is not null), i, "closed exactly when it has a closing date");

            Check(i.Phase == Phase.IntelligenceDevelopment || i.SioId is not null, i, "an SIO once past intelligence development");
            if (Reached(i, Phase.ExecutiveAction))
            {
                Check(i.SioId is not null, i, "an SIO from executive action on");
                if (i.Risk == RiskLevel.High)
                {
                    var executive = i.PhaseChanges.Single(c => c.To == Phase.ExecutiveAction).At;
                    Check(s.Elg.Any(m => m.InvestigationId == i.Id && m.HeldAt < executive && m.Decisions.Any(d => d.AuthorisesExecutiveAction)), i,
                        "high risk: an ELG decision authorised executive action before it");
                }
            }
            if (Reached(i, Phase.Charge))
            {
                Check(s.Links.Any(l => l.InvestigationId == i.Id && l.Role == SubjectRole.Suspect), i, "a suspect linked from charge on");
                Check(s.Disclosure.Any(d => d.InvestigationId == i.Id), i, "unused material scheduled once charged");
            }
            if (i.Phase is Phase.Outcome or Phase.Closed)
            {
                Check(!string.IsNullOrWhiteSpace(i.Outcome), i, "outcome text");
            }
            var open = s.Actions.Count(a => a.InvestigationId == i.Id && a.IsOpen);
            if (i.Phase == Phase.Closed && open > 0)
            {
                Check(s.Policy.Any(p => p.InvestigationId == i.Id && p.Decision.StartsWith($"Investigation closed with {open} action", StringComparison.Ordinal)), i,
                    "closed with actions open: the policy file says why");
            }

            // Incident-room records point inside the investigation.
            var team = i.Team.Select(m => m.UserId).ToHashSet();
            foreach (var a in s.Actions.Where(a => a.InvestigationId == i.Id))
            {
                Check(a.State == ActionState.Raised ? a.AllocatedToId is null : a.AllocatedToId is { } to && team.Contains(to), i, $"A{a.Number} allocated within the team");
                Check(a.State is ActionState.Raised or ActionState.Allocated || a.Result is not null && a.ResultedAt >= a.RaisedAt, i, $"A{a.Number} has its result");
                Check(a.State != ActionState.Filed || a.FiledAt >= a.ResultedAt, i, $"A{a.Number} filed after its result");
                Check(a.RaisedAt >= i.OpenedAt && a.RaisedAt <= s.Now, i, $"A{a.Number} raised while open");
            }
            foreach (var p in s.Policy.Where(p => p.InvestigationId == i.Id))
            {
                Check(team.Contains(p.AuthorId), i, $"policy entry {p.Number} written by the team");
                Check(p.Supersedes is null || p.Supersedes < p.Number, i, $"policy entry {p.Number} supersedes an earlier one");
            }
            foreach (var m in s.Elg.Where(m => m.InvestigationId == i.Id))
            {
                Check(m.HeldAt <= s.Now && m.Classification == i.Classification && m.Decisions.Count > 0 && m.Attendees.Count > 0, i, "ELG meetings complete and in the past");
            }
            var signed = s.SignOffs.Where(o => o.InvestigationId == i.Id).ToList();
            var disclosureOfficers = i.Team.Where(m => m.Role == TeamRole.DisclosureOfficer).Select(m => s.Users[m.UserId].DisplayName).ToHashSet();
            Check(signed.All(o => disclosureOfficers.Contains(o.SignedBy)), i, "schedules signed by the team's disclosure officer");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // The London disclosure officer (OFFICIAL) is only in OFFICIAL teams, and is in some.
        var disclosureLondon = s.Users.Values.Single(u => u.Email == DemoUsers.DisclosureLondon).Id;
        var withDisclosure = s.Investigations.Where(i => i.Team.Any(m => m.UserId == disclosureLondon)).ToList();
        Assert.NotEmpty(withDisclosure);
        Assert.All(withDisclosure, i => Assert.Equal(Classification.Official, i.Classification));
    }

    [Fact]
    public async Task Caseload_ListsOnlyTheInvestigationsOfYourOwnTeams()
    {
        var s = await LoadAsync(app);
        var london = s.UnitCodes.Single(u => u.Value == "london").Key;
        var sioLondon = s.Users.Values.Single(u => u.Email == DemoUsers.SioLondon).Id;

        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var seen = await IdsAsync(sio);
        var expected = s.Investigations.Where(i => i.Team.Any(m => m.UserId == sioLondon)).Select(i => i.Id).ToHashSet();
        Assert.True(expected.Count >= 10, $"sio.london is in only {expected.Count} teams");
        Assert.Equal(expected.Order(), seen.Order());
        Assert.All(seen, id => Assert.Equal(london, s.Investigations.Single(i => i.Id == id).OwningUnitId));
        // A London case without them in the team (the investigator's own) stays hidden from them.
        Assert.Contains(s.Investigations, i => i.OwningUnitId == london && !expected.Contains(i.Id));

        var investigatorNorthWest = s.Users.Values.Single(u => u.Email == DemoUsers.InvestigatorNorthWest).Id;
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var theirs = await IdsAsync(northWest);
        Assert.NotEmpty(theirs);
        Assert.DoesNotContain(theirs, id => s.Investigations.Single(i => i.Id == id).OwningUnitId == london);
        Assert.Equal(s.Investigations.Where(i => i.Team.Any(m => m.UserId == investigatorNorthWest)).Select(i => i.Id).Order(), theirs.Order());

        using var westMidlands = await app.ApiClientAsync(DemoUsers.SioWestMidlands);
        var wm = await IdsAsync(westMidlands);
        Assert.True(wm.Count >= 5);
        Assert.All(wm, id => Assert.Equal("west-midlands", s.UnitCodes[s.Investigations.Single(i => i.Id == id).OwningUnitId]));
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient api)
    {
        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/investigations?includeClosed=true&pageSize=200");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task LinkedPeople_ComeFromTheGeneralSubjectsPool_OfTheSameUnit()
    {
        var s = await LoadAsync(app);
        // The Pursue seed creates no people of its own (so it has no per-threat list of names): every
        // linked person is one of the Subjects demo records, drawn from the broad locale pool.
        var people = s.Subjects.ToDictionary(p => p.Id);
        Assert.NotEmpty(s.Links);
        Assert.All(s.Links, l => Assert.True(people.ContainsKey(l.SubjectId), $"link to {l.SubjectId} is not a demo subject"));
        Assert.All(s.Links, l => Assert.Equal(SubjectsDemoSummary, people[l.SubjectId].Summary));
        var byId = s.Investigations.ToDictionary(i => i.Id);
        Assert.All(s.Links, l => Assert.Equal(byId[l.InvestigationId].OwningUnitId, people[l.SubjectId].OwningUnitId));

        // Whoever is in the team may see everyone linked (nobody is "withheld" in the demo).
        foreach (var link in s.Links)
        {
            var investigation = byId[link.InvestigationId];
            var person = people[link.SubjectId];
            foreach (var member in investigation.Team)
            {
                var user = s.Users[member.UserId];
                var groups = s.GroupMembers.Where(g => g.Value.Contains(user.Id)).Select(g => g.Key).ToHashSet();
                var restrictedTo = person.NeedToKnow.Select(g => g.GroupId).ToList();
                Assert.True(user.Clearance >= person.Classification && (restrictedTo.Count > 0 ? restrictedTo.Any(groups.Contains) : user.UnitId == person.OwningUnitId),
                    $"{user.Email} cannot see {person.FullName} in {investigation.OperationName}");
            }
        }

        // Suspects of one unit are not split by threat type: the same unit's pool serves every threat type,
        // and suspects in different threat types are drawn from it alike (no one pool per threat type).
        var suspects = s.Links.Where(l => l.Role == SubjectRole.Suspect).Select(l => (Threat: byId[l.InvestigationId].ThreatType, Person: people[l.SubjectId])).ToList();
        Assert.True(suspects.Select(x => x.Threat).Distinct().Count() >= 3);
        Assert.True(suspects.Select(x => x.Person.Id).Distinct().Count() >= 10, "too few different suspects");
    }

    [Fact]
    public async Task Demo_IsTheSameOnEveryFreshInstall()
    {
        static Task<List<string>> FingerprintAsync(VigilApp app) => app.AsSystemAsync(async db =>
        {
            var names = await db.Set<Subject>().IgnoreQueryFilters().ToDictionaryAsync(p => p.Id, p => p.FullName);
            var links = await db.Set<InvestigationSubject>().ToListAsync();
            var actions = await db.Set<InvestigationAction>().ToListAsync();
            return (await db.Set<Investigation>().AsNoTracking().ToListAsync()).Select(i =>
                $"{i.OperationName}|{i.Phase}|{i.Lead}|{i.Risk}|{i.ThreatType}|{string.Join(",", i.Activities.Select(a => a.Code))}|{i.Classification}|{i.OfficialSensitive}|{i.OpenedAt:O}|{i.Outcome}|" +
                string.Join(",", links.Where(l => l.InvestigationId == i.Id).Select(l => $"{l.Role}:{names[l.SubjectId]}").Order()) + "|" +
                string.Join(",", actions.Where(a => a.InvestigationId == i.Id).OrderBy(a => a.Number).Select(a => $"{a.State}:{a.DueDate}")))
                .Order().ToList();
        });
        await using var other = new SelfSeededApp();
        await other.InitializeAsync();
        Assert.Equal(await FingerprintAsync(app), await FingerprintAsync(other));
    }
}
