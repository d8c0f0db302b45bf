using Bogus;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Network;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Pursue;

/// <summary>
/// A deterministic synthetic caseload for demo mode: three dozen fictional investigations in every phase,
/// owned by London, North West and West Midlands (whose demo SIOs and officers form the teams) and a few
/// in other units with no demo team. Written directly as the system, but keeping every rule the services
/// enforce: an SIO from executive action on, an ELG decision authorising executive action in high-risk
/// cases, a suspect from charge on, outcome text when there is an outcome, and a policy entry when a case
/// closed with actions open. Dates are relative to the clock, so some actions are always overdue.
/// Attributes, person names, subject links and incident-room detail each have their own random stream: a
/// name says nothing about threat type, risk or outcome, and the people linked are taken from the
/// Subjects demo records of the same unit, chosen without regard to anything else.
/// </summary>
public sealed class PursueDemoSeed : ISeed
{
    public string Name => "pursue-demo";
    public IReadOnlyList<string> After => ["demo-accounts", "subjects-demo", "pursue-reference"];

    private const string SioLondon = "sio.london@vigil.example";
    private const string InvestigatorLondon = "investigator.london@vigil.example";
    private const string DisclosureLondon = "disclosure.london@vigil.example";
    private const string SioNorthWest = "sio.northwest@vigil.example";
    private const string InvestigatorNorthWest = "investigator.northwest@vigil.example";
    private const string SioWestMidlands = "sio.westmidlands@vigil.example";
    private const string IntelligenceLondon = "intelligence.london@vigil.example";
    private const string ActNorthWest = "act.northwest@vigil.example";
    private static readonly string[] Accounts = [SioLondon, InvestigatorLondon, DisclosureLondon, SioNorthWest, InvestigatorNorthWest, SioWestMidlands, IntelligenceLondon, ActNorthWest];

    /// <summary>Who is in the team. OFFICIAL-only officers (the London disclosure officer, the North West
    /// investigator) are only in the teams of OFFICIAL investigations.</summary>
    private enum Crew { None, Kestrel, LondonSecret, LondonIntelligence, LondonOfficial, LondonInvestigatorOnly, NorthWestSecret, NorthWestOfficial, NorthWestWithAct, WestMidlands }

    private sealed record Plan(string Name, string Unit, Phase Phase, Crew Crew, Phase? ClosedFrom = null, bool Deputy = false);

    /// <summary>Within each unit the furthest-advanced cases come first, so that they take the unit's
    /// people first (a charged case needs a suspect; an early one can do without).</summary>
    private static readonly Plan[] Plans =
    [
        new("LODESTAR", "london", Phase.Closed, Crew.LondonSecret),
        new("CALDERA", "london", Phase.Outcome, Crew.LondonOfficial),
        new("FATHOM", "london", Phase.Outcome, Crew.LondonSecret),
        new("JUNIPER", "london", Phase.Prosecution, Crew.LondonSecret),
        new("OSPREY", "london", Phase.Prosecution, Crew.LondonOfficial),
        new("SEXTANT", "london", Phase.Charge, Crew.LondonOfficial),
        new("BRACKEN", "london", Phase.Charge, Crew.LondonSecret),
        new("GRANITE", "london", Phase.ExecutiveAction, Crew.LondonSecret, Deputy: true),
        new("CORMORANT", "london", Phase.ExecutiveAction, Crew.LondonOfficial),
        new("KESTREL", "london", Phase.Investigation, Crew.Kestrel),
        new("MERIDIAN", "london", Phase.Investigation, Crew.LondonOfficial),
        new("SPINDLE", "london", Phase.Closed, Crew.LondonOfficial, ClosedFrom: Phase.IntelligenceDevelopment),
        new("HARRIER", "london", Phase.IntelligenceDevelopment, Crew.LondonIntelligence),
        new("LANTERN", "london", Phase.IntelligenceDevelopment, Crew.LondonInvestigatorOnly),
        new("CINDER", "north-west", Phase.Closed, Crew.NorthWestOfficial),
        new("ORRERY", "north-west", Phase.Outcome, Crew.NorthWestOfficial),
        new("BASALT", "north-west", Phase.Prosecution, Crew.NorthWestOfficial),
        new("TAMARISK", "north-west", Phase.Charge, Crew.NorthWestWithAct),
        new("MARLIN", "north-west", Phase.ExecutiveAction, Crew.NorthWestSecret),
        new("HALYARD", "north-west", Phase.Investigation, Crew.NorthWestOfficial),
        new("PEREGRINE", "north-west", Phase.Investigation, Crew.NorthWestSecret),
        new("TOPAZ", "north-west", Phase.Closed, Crew.NorthWestSecret, ClosedFrom: Phase.Investigation),
        new("ALDER", "north-west", Phase.IntelligenceDevelopment, Crew.NorthWestOfficial),
        new("QUARTZ", "north-west", Phase.IntelligenceDevelopment, Crew.NorthWestSecret),
        new("MOORLAND", "west-midlands", Phase.Closed, Crew.WestMidlands),
        new("LINNET", "west-midlands", Phase.Outcome, Crew.WestMidlands),
        new("KILN", "west-midlands", Phase.Prosecution, Crew.WestMidlands),
        new("JACKDAW", "west-midlands", Phase.Charge, Crew.WestMidlands),
        new("ISOBAR", "west-midlands", Phase.ExecutiveAction, Crew.WestMidlands),
        new("GANNET", "west-midlands", Phase.Investigation, Crew.WestMidlands),
        new("HEATHER", "west-midlands", Phase.Investigation, Crew.WestMidlands),
        new("FIRTH", "west-midlands", Phase.IntelligenceDevelopment, Crew.WestMidlands),
        new("NIMBUS", "south-east", Phase.IntelligenceDevelopment, Crew.None),
        new("OBSIDIAN", "south-east", Phase.IntelligenceDevelopment, Crew.None),
        new("PLOVER", "north-east", Phase.IntelligenceDevelopment, Crew.None),
        new("RAVELIN", "north-east", Phase.IntelligenceDevelopment, Crew.None),
    ];

    /// <summary>The operation names of the demo caseload, in the order they are built.</summary>
    public static IReadOnlyList<string> OperationNames { get; } = Plans.Select(p => "Operation " + p.Name).ToList();


    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<Investigation>().IgnoreQueryFilters().AnyAsync(ct))
        {
            return;
        }
        var users = await db.Users.Where(u => u.IsDemo && u.Email != null && Accounts.Contains(u.Email)).ToDictionaryAsync(u => u.Email!, ct);
        var kestrel = await db.NeedToKnowGroups.FirstOrDefaultAsync(g => g.Name == DemoData.KestrelGroup, ct);
        if (users.Count != Accounts.Length || kestrel is null)
        {
            return; // the demo accounts are not all there (removed by hand?): seed nothing rather than half a caseload
        }
        var memberships = await db.GroupMemberships.AsNoTracking().Select(m => new { m.UserId, m.GroupId }).ToListAsync(ct);
        // The Subjects demo records, in the fixed order they were created in (their ids are not reproducible).
        var people = await db.Set<Subject>().IgnoreQueryFilters().AsNoTracking().Where(s => s.MergedIntoId == null)
            .Select(s => new Person(s.Id, s.OwningUnitId, s.Classification, s.CreatedAt, s.NeedToKnow.Select(g => g.GroupId).ToList()))
            .ToListAsync(ct);
        var world = new World(
            users,
            await db.Set<Unit>().ToDictionaryAsync(u => u.Code, ct),
            await db.Set<PartnerAgency>().ToDictionaryAsync(p => p.Code, p => p.Id, ct),
            kestrel,
            memberships.GroupBy(m => m.UserId).ToDictionary(g => g.Key, g => g.Select(m => m.GroupId).ToHashSet()),
            people.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToList());
        var clock = db.Clock.GetUtcNow();
        var builder = new Builder(db, world, new DateTimeOffset(clock.Year, clock.Month, clock.Day, clock.Hour, 0, 0, TimeSpan.Zero));
        foreach (var plan in Plans)
        {
            builder.Build(plan);
        }
        await db.SaveChangesAsync(ct);
    }

    private sealed record Person(Guid Id, Guid UnitId, Classification Classification, DateTimeOffset CreatedAt, List<Guid> Groups);

    private sealed record World(
        Dictionary<string, VigilUser> Users, Dictionary<string, Unit> Units, Dictionary<string, Guid> Partners, NeedToKnowGroup Kestrel,
        Dictionary<Guid, HashSet<Guid>> Memberships, List<Person> People);

    private sealed record Member(VigilUser User, TeamRole Role)
    {
        public string Name => User.DisplayName;
    }

    private static readonly (string Title, string Description)[] Lines =
    [
        ("Communications data", "Identify the devices and accounts used and who they are in contact with."),
        ("Financial enquiries", "Trace funds, payments and purchases."),
        ("Open-source research", "Review public online activity and publications."),
        ("Premises and vehicles", "Establish addresses, vehicles and movements."),
        ("Associates", "Identify and assess associates and their part, if any."),
        ("Travel", "Establish travel into and out of the United Kingdom."),
        ("Digital forensics", "Examine seized and recovered devices."),
        ("Witnesses", "Identify, trace and interview witnesses."),
    ];

    private static readonly string[] ActionTitles =
    [
        "Obtain subscriber details for the demo phone number",
        "Review CCTV near the fictional address",
        "Research the open-source profiles",
        "Complete a financial profile",
        "Trace and interview the witness",
        "Submit the seized phone for forensic examination",
        "Check travel records with Border Force",
        "Prepare the arrest and search strategy",
        "Brief the CPS reviewing lawyer",
        "Trace the registered keeper of the vehicle",
        "Update the risk assessment",
        "Prepare the case summary for the CPS",
        "Review the surveillance logs",
        "Identify the account holder of the online profile",
        "Research the premises on police systems",
        "Arrange the safeguarding referral",
    ];

    private static readonly string[] Results =
    [
        "Completed; nothing further of relevance found.",
        "Completed; the result is recorded on the linked line of enquiry.",
        "Completed; the information supports the current assessment.",
        "Completed; a further action is raised to follow it up.",
    ];

    private static readonly (string Description, string From)[] Seizures =
    [
        ("Mobile phone, black, in a cracked case", "the fictional address searched"),
        ("Laptop computer", "the fictional address searched"),
        ("Notebook with handwritten notes", "the bedroom at the fictional address"),
        ("USB memory stick", "the person of the suspect on arrest"),
        ("Bank cards in several names", "the vehicle searched"),
        ("Printed documents", "the fictional storage unit"),
    ];

    private static readonly (string Description, Schedule Schedule, string? PublicInterest, string? Flag)[] Unused =
    [
        ("Surveillance log (fictional), days 1 to 14", Schedule.Mg6C, null, null),
        ("CCTV from the fictional shopping centre: nothing of relevance", Schedule.Mg6C, null, null),
        ("House-to-house enquiry forms", Schedule.Mg6C, null, null),
        ("Officers' notebooks from the search", Schedule.Mg6C, null, null),
        ("Statement of a witness whose description differs from the prosecution case", Schedule.Mg6C, null, "Might assist the defence: the description differs on identification."),
        ("Material from a covert human intelligence source", Schedule.Mg6D, "Would reveal the identity of a covert source.", null),
        ("Details of surveillance methods", Schedule.Mg6D, "Would reveal sensitive investigative techniques.", null),
        ("Intelligence report on an associate", Schedule.Mg6D, "Would reveal the extent of police knowledge of an ongoing enquiry.", "Might assist the defence: suggests another person had access to the devices."),
    ];

    private static readonly string[] ElgOrganisations = ["Security Service (liaison officer)", "Crown Prosecution Service", "Local authority safeguarding lead", "Home Office", "Counter Terrorism Policing Headquarters"];

    private static readonly string[] StatementBodies =
    [
        "At about 2200 hours I saw a person carrying a large holdall enter the premises. I did not see them leave.",
        "I rent out the storage unit. The tenant paid in cash and gave a name I did not recognise.",
        "I work at the shop. I remember the customer because they asked for a receipt in a different name.",
        "I live next door. Over the last month I heard people arriving late at night several times a week.",
    ];

    /// <summary>Builds each planned investigation with its group, team and incident room in memory.</summary>
    private sealed class Builder(VigilDb db, World world, DateTimeOffset now)
    {
        private readonly Random attributes = new(40_2026);
        // Lead, threat type and risk are dealt out evenly over the caseload, each shuffled by its own stream.
        private readonly Lead[] leads = Deal(Enum.GetValues<Lead>(), new Random(2_026));
        private readonly (string Code, string Name)[] threats = Deal(Threats, new Random(2_027));
        private readonly RiskLevel[] risks = Deal(Enum.GetValues<RiskLevel>(), new Random(2_028));
        private int built;
        private readonly DemoNames names = new(20_261_201);
        private readonly Random links = new(1_717);
        private readonly Random work = new(311);
        private readonly HashSet<Guid> linked = [];
        private readonly DateOnly today = DateOnly.FromDateTime(now.UtcDateTime);

        private static readonly (string Code, string Name)[] Threats = PursueReferenceSeed.Items
            .Where(i => i.Kind == PursueReferenceItem.ThreatType).Select(i => (i.Code, i.Name)).ToArray();
        private static readonly (string Code, string Name)[] ActivityTypes = PursueReferenceSeed.Items
            .Where(i => i.Kind == PursueReferenceItem.ActivityType).Select(i => (i.Code, i.Name)).ToArray();

        private static T[] Deal<T>(IReadOnlyList<T> values, Random random) =>
            Enumerable.Range(0, Plans.Length).Select(i => values[i % values.Count]).OrderBy(_ => random.Next()).ToArray();

        /// <summary>A person's name from a broad pool of locales, drawn from its own stream only.</summary>
        private string PersonName()
        {
            var faker = names.Next();
            return $"{faker.Name.FirstName()} {faker.Name.LastName()}";
        }

        private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
            to <= from ? from : from + TimeSpan.FromMinutes(Math.Floor((to - from).TotalMinutes * work.NextDouble()));

        private T Pick<T>(IReadOnlyList<T> items) => items[work.Next(items.Count)];

        private List<Member> TeamOf(Plan plan, bool charged)
        {
            var u = world.Users;
            return plan.Crew switch
            {
                Crew.Kestrel => [new(u[SioLondon], TeamRole.Sio), new(u[InvestigatorLondon], TeamRole.Officer)],
                Crew.LondonSecret => [new(u[SioLondon], TeamRole.Sio), new(u[InvestigatorLondon], plan.Deputy ? TeamRole.DeputySio : charged ? TeamRole.DisclosureOfficer : TeamRole.Officer)],
                Crew.LondonIntelligence => [new(u[SioLondon], TeamRole.Sio), new(u[InvestigatorLondon], TeamRole.Officer), new(u[IntelligenceLondon], TeamRole.Analyst)],
                Crew.LondonOfficial => [new(u[SioLondon], TeamRole.Sio), new(u[InvestigatorLondon], TeamRole.Officer), new(u[DisclosureLondon], TeamRole.DisclosureOfficer)],
                Crew.LondonInvestigatorOnly => [new(u[InvestigatorLondon], TeamRole.Officer)],
                Crew.NorthWestSecret => [new(u[SioNorthWest], TeamRole.Sio)],
                Crew.NorthWestOfficial => [new(u[SioNorthWest], TeamRole.Sio), new(u[InvestigatorNorthWest], charged ? TeamRole.DisclosureOfficer : TeamRole.Officer)],
                // The North West ACT triage officer works with this team (ACT reports about its suspects are linked to it).
                Crew.NorthWestWithAct => [new(u[SioNorthWest], TeamRole.Sio), new(u[InvestigatorNorthWest], charged ? TeamRole.DisclosureOfficer : TeamRole.Officer), new(u[ActNorthWest], TeamRole.Officer)],
                Crew.WestMidlands => [new(u[SioWestMidlands], TeamRole.Sio)],
                _ => [],
            };
        }

        public void Build(Plan plan)
        {
            var unit = world.Units[plan.Unit];
            var name = "Operation " + plan.Name;

            // Attributes: lead, threat type and risk as dealt; activities and classification from their own stream.
            var lead = leads[built];
            var threat = threats[built];
            var risk = risks[built];
            built++;
            var activities = ActivityTypes.OrderBy(_ => attributes.Next()).Take(1 + attributes.Next(2)).ToList();
            var classification = plan.Crew switch
            {
                Crew.LondonOfficial or Crew.NorthWestOfficial or Crew.NorthWestWithAct => Classification.Official,
                Crew.WestMidlands or Crew.None => attributes.Next(4) == 0 ? Classification.Official : Classification.Secret,
                _ => Classification.Secret,
            };
            var officialSensitive = classification == Classification.Official && attributes.Next(3) != 0;

            // The phases it went through, and when.
            var last = plan.Phase == Phase.Closed ? plan.ClosedFrom ?? Phase.Outcome : plan.Phase;
            var path = Enumerable.Range(0, (int)last + 1).Select(p => (Phase)p).ToList();
            if (plan.Phase == Phase.Closed)
            {
                path.Add(Phase.Closed);
            }
            bool Reached(Phase p) => path.Contains(p);
            var charged = Reached(Phase.Charge);
            var ageDays = plan.Phase switch
            {
                Phase.IntelligenceDevelopment => work.Next(12, 46),
                Phase.Investigation => work.Next(60, 161),
                Phase.ExecutiveAction => work.Next(130, 221),
                Phase.Charge => work.Next(190, 301),
                Phase.Prosecution => work.Next(260, 421),
                Phase.Outcome => work.Next(420, 621),
                _ => plan.ClosedFrom is null ? work.Next(520, 821) : work.Next(100, 221),
            };
            var opened = now.AddDays(-ageDays).AddHours(-work.Next(0, 8));
            var lastChange = now.AddDays(-work.Next(3, 21)).AddHours(-work.Next(0, 8));
            var changeAt = new Dictionary<Phase, DateTimeOffset> { [Phase.IntelligenceDevelopment] = opened };
            for (var i = 1; i < path.Count; i++)
            {
                var at = opened + (lastChange - opened) * i / (path.Count - 1);
                changeAt[path[i]] = i == path.Count - 1 ? at : at.AddHours(-work.Next(0, 48));
            }
            var closedAt = plan.Phase == Phase.Closed ? changeAt[Phase.Closed] : (DateTimeOffset?)null;
            var until = closedAt ?? now.AddHours(-1);

            var team = TeamOf(plan, charged);
            var commander = team.FirstOrDefault(m => m.Role is TeamRole.Sio) ?? team.FirstOrDefault();
            var officers = team.Where(m => m.Role is not TeamRole.Sio).ToList() is { Count: > 0 } o ? o : team;

            var group = plan.Crew == Crew.Kestrel
                ? world.Kestrel
                : new NeedToKnowGroup { Name = $"{name} ({unit.Name})", Description = $"The team of {name}.", OwningUnitId = unit.Id, ManagedBy = $"the team of {name}" };
            if (plan.Crew != Crew.Kestrel)
            {
                db.Add(group);
                foreach (var member in team)
                {
                    db.Add(new GroupMembership { GroupId = group.Id, UserId = member.User.Id });
                }
            }
            var activityNames = string.Join(" and ", activities.Select(a => a.Name.ToLowerInvariant()));
            var investigation = new Investigation
            {
                OperationName = name,
                Summary = $"Fictional demonstration case: {Article(lead)} investigation into {activityNames} ({threat.Name}). No real person, place or event is described.",
                Lead = lead,
                ThreatType = threat.Code,
                Activities = activities.Select(a => new InvestigationActivity { Code = a.Code }).ToList(),
                Risk = risk,
                Phase = Phase.IntelligenceDevelopment,
                OpenedAt = opened,
                GroupId = group.Id,
                NeedToKnow = [new RecordGroup { GroupId = group.Id }],
                Classification = classification,
                OfficialSensitive = officialSensitive,
                OwningUnitId = unit.Id,
                Team = team.Select(m => new TeamMember { UserId = m.User.Id, Role = m.Role, AddedAt = opened.AddMinutes(work.Next(0, 90)) }).ToList(),
                UpdatedAt = opened,
            };
            // Through the phases by the rules, with the evidence this seed records below (the ELG's authority
            // on a high-risk case, a suspect once charged): a plan that breaks a rule stops the seed.
            var evidence = new PhaseEvidence(ElgAuthorisedExecutiveAction: risk == RiskLevel.High, HasSuspect: charged);
            var outcome = Reached(Phase.Outcome) || plan.Phase == Phase.Closed ? Outcome(plan, activities) : null;
            for (var i = 1; i < path.Count; i++)
            {
                if (investigation.WhyNotMoveTo(path[i], evidence) is { } refusal)
                {
                    throw new InvalidOperationException($"The demo plan for {name} breaks a phase rule: {refusal.Message}");
                }
                investigation.MoveTo(path[i], changeAt[path[i]], commander!.Name, Reason(path[i], plan, risk), outcome);
            }
            investigation.Outcome ??= outcome; // closed early, with no further action
            db.Add(investigation);

            var id = investigation.Id;
            db.Add(new TimelineEvent
            {
                InvestigationId = id, OccurredAt = opened.AddDays(-work.Next(2, 21)), Title = "Intelligence received",
                Detail = "A fictional intelligence report prompted the investigation.", Source = "Intelligence report (fictional)",
                AddedBy = commander?.Name ?? "Vigil demo data",
            });
            if (commander is null)
            {
                return; // no demo team in this unit: the investigation waits in intelligence development
            }

            var lines = AddLines(id, Reached(Phase.Investigation) ? work.Next(2, 5) : work.Next(1, 3));
            var openActions = AddActions(id, plan, opened, until, officers, commander, lines);
            AddPolicy(id, plan, investigation, commander, changeAt, lines.Count, threat.Name, openActions);
            if (risk == RiskLevel.High)
            {
                AddElg(id, investigation, unit, commander, opened, until, changeAt);
            }
            AddEvents(id, officers, changeAt);
            LinkSubjects(id, plan, investigation, team, officers, opened, until, charged);
            if (Reached(Phase.ExecutiveAction))
            {
                AddExhibits(id, unit, officers, changeAt[Phase.ExecutiveAction]);
                AddStatements(id, officers, changeAt[Phase.ExecutiveAction], until);
            }
            if (charged)
            {
                AddDisclosure(id, plan, team, commander, changeAt[Phase.Charge], until);
            }
        }

        private static string Article(Lead lead) => lead switch
        {
            Lead.Mi5Led => "an MI5-led",
            Lead.Joint => "a joint",
            _ => "a police-only",
        };

        private static string Reason(Phase to, Plan plan, RiskLevel risk) => to switch
        {
            Phase.Investigation => "The intelligence is assessed as credible: overt and covert enquiries are authorised.",
            Phase.ExecutiveAction => risk == RiskLevel.High
                ? "The Executive Liaison Group authorised executive action; the arrest and search strategy is agreed."
                : "There are reasonable grounds to arrest; the arrest and search strategy is agreed.",
            Phase.Charge => "The CPS authorised charge on the full code test.",
            Phase.Prosecution => "The defendant was sent to the Crown Court for trial.",
            Phase.Outcome => "The trial has concluded.",
            _ => plan.ClosedFrom is null
                ? "All actions are filed and the exhibits are dealt with under the retention policy."
                : "No further action: the intelligence was not substantiated.",
        };

        private string Outcome(Plan plan, List<(string Code, string Name)> activities)
        {
            if (plan.ClosedFrom is not null)
            {
                return "No further action: the intelligence was not substantiated (fictional demonstration outcome).";
            }
            var offence = activities[0].Name.ToLowerInvariant();
            return work.Next(5) switch
            {
                0 => "Acquitted of all counts at trial (fictional demonstration outcome).",
                1 or 2 => $"Convicted at trial of offences connected with {offence}; sentenced to {work.Next(3, 15)} years' imprisonment (fictional demonstration outcome).",
                _ => $"Pleaded guilty to offences connected with {offence}; sentenced to {work.Next(2, 9)} years' imprisonment (fictional demonstration outcome).",
            };
        }

        private List<LineOfEnquiry> AddLines(Guid id, int count)
        {
            var chosen = Lines.OrderBy(_ => work.Next()).Take(count).ToList();
            var lines = chosen.Select((l, i) => new LineOfEnquiry { InvestigationId = id, Number = i + 1, Title = l.Title, Description = l.Description }).ToList();
            db.AddRange(lines);
            return lines;
        }

        /// <summary>Actions in every state; open ones partly overdue. Returns how many are open.</summary>
        private int AddActions(Guid id, Plan plan, DateTimeOffset opened, DateTimeOffset until, List<Member> officers, Member commander, List<LineOfEnquiry> lines)
        {
            var count = work.Next(3, 8);
            var openCount = plan.Phase switch
            {
                Phase.Closed => plan.ClosedFrom is null ? 0 : 1 + work.Next(2),
                Phase.Outcome => work.Next(2),
                Phase.Charge or Phase.Prosecution => 1 + work.Next(3),
                _ => 2 + work.Next(3),
            };
            openCount = Math.Min(openCount, count);
            var titles = ActionTitles.OrderBy(_ => work.Next()).Take(count).ToList();
            var stillOpen = 0;
            for (var n = 1; n <= count; n++)
            {
                var open = n > count - openCount;
                var state = open
                    ? (ActionState)work.Next(3) // raised, allocated or resulted
                    : work.Next(6) == 0 ? ActionState.Reviewed : ActionState.Filed;
                if (plan.Phase == Phase.Closed && !open)
                {
                    state = ActionState.Filed;
                }
                if (open && plan.Phase == Phase.Closed)
                {
                    state = ActionState.Raised;
                }
                var raisedBy = work.Next(3) == 0 ? Pick(officers) : commander;
                var action = new InvestigationAction
                {
                    InvestigationId = id, Number = n, Title = titles[n - 1], Description = "Fictional demonstration action.",
                    Priority = (ActionPriority)work.Next(3), LineOfEnquiryId = lines.Count > 0 && work.Next(4) != 0 ? Pick(lines).Id : null,
                    State = state, RaisedBy = raisedBy.Name,
                };
                if (state is ActionState.Raised or ActionState.Allocated)
                {
                    action.RaisedAt = Between(opened.AddDays(1), now.AddDays(-2) < until ? now.AddDays(-2) : until.AddDays(-1));
                    var raisedOn = DateOnly.FromDateTime(action.RaisedAt.UtcDateTime);
                    action.DueDate = work.Next(10) switch
                    {
                        0 => null,
                        < 5 => Min(raisedOn.AddDays(work.Next(3, 15)), today.AddDays(-1)), // overdue
                        _ => today.AddDays(work.Next(1, 31)),
                    };
                    if (action.DueDate < raisedOn)
                    {
                        action.DueDate = raisedOn;
                    }
                }
                else
                {
                    action.RaisedAt = Between(opened.AddDays(1), until.AddDays(-6));
                    action.DueDate = DateOnly.FromDateTime(action.RaisedAt.UtcDateTime).AddDays(work.Next(7, 29));
                    action.ResultedAt = Min(action.RaisedAt.AddDays(work.Next(2, 20)).AddHours(work.Next(0, 9)), until.AddDays(-3));
                    action.Result = Pick(Results);
                    if (state is not ActionState.Filed && plan.Phase != Phase.Closed)
                    {
                        // Resulted ahead of time and waiting for the SIO's review: not overdue.
                        action.DueDate = today.AddDays(work.Next(1, 21));
                    }
                }
                if (state is not ActionState.Raised)
                {
                    action.AllocatedToId = Pick(officers).User.Id;
                }
                if (state is ActionState.Filed)
                {
                    action.ReviewNote = "Result accepted.";
                    action.FiledAt = Min(action.ResultedAt!.Value.AddDays(work.Next(1, 6)), until.AddHours(-2));
                }
                else if (state is ActionState.Reviewed)
                {
                    action.ReviewNote = "Result accepted; to be filed.";
                }
                db.Add(action);
                stillOpen += action.IsOpen ? 1 : 0;
            }
            return stillOpen;
        }

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        private void AddPolicy(Guid id, Plan plan, Investigation investigation, Member commander, Dictionary<Phase, DateTimeOffset> changeAt, int lines, string threat, int open)
        {
            var number = 0;
            void Entry(DateTimeOffset at, string decision, string rationale, int? supersedes = null) => db.Add(new PolicyEntry
            {
                InvestigationId = id, Number = ++number, Decision = decision, Rationale = rationale, Supersedes = supersedes,
                RecordedAt = at, AuthorId = commander.User.Id, AuthorName = commander.Name,
            });
            Entry(investigation.OpenedAt.AddHours(2), $"Open {investigation.OperationName} as {Article(investigation.Lead)} investigation ({threat})",
                "The intelligence received is assessed as credible and needs investigation. Fictional demonstration entry.");
            if (changeAt.TryGetValue(Phase.Investigation, out var investigating))
            {
                Entry(investigating.AddHours(3), $"Investigative strategy: lines of enquiry 1 to {lines}",
                    "These lines cover the intelligence gaps identified at the opening review.");
                if (work.Next(3) == 0)
                {
                    Entry(Between(investigating.AddDays(2), changeAt.Values.Max()), "Revised investigative strategy: financial enquiries take priority",
                        "New information on payments changes the order of work; this entry replaces entry 2.", supersedes: 2);
                }
            }
            if (changeAt.TryGetValue(Phase.ExecutiveAction, out var executive))
            {
                Entry(executive.AddHours(-6), "Arrest and search strategy agreed",
                    investigation.Risk == RiskLevel.High ? "Authorised by the Executive Liaison Group; public safety outweighs further evidence gathering." : "There are reasonable grounds to suspect the subjects; the evidence is sufficient to act.");
            }
            if (plan.Phase == Phase.Closed && open > 0)
            {
                // As Investigations.TransitionAsync writes it when a case closes with actions open.
                Entry(changeAt[Phase.Closed], $"Investigation closed with {open} action{(open == 1 ? "" : "s")} open",
                    "The outstanding enquiries would not change the assessment; they are kept for any future review. Fictional demonstration entry.");
            }
        }

        private void AddElg(Guid id, Investigation investigation, Unit unit, Member commander, DateTimeOffset opened, DateTimeOffset until, Dictionary<Phase, DateTimeOffset> changeAt)
        {
            List<ElgAttendee> Attendees()
            {
                var attendees = new List<ElgAttendee> { new() { Name = commander.Name, Organisation = unit.Name } };
                foreach (var organisation in ElgOrganisations.OrderBy(_ => work.Next()).Take(work.Next(2, 4)))
                {
                    attendees.Add(new ElgAttendee { Name = PersonName(), Organisation = organisation });
                }
                return attendees;
            }
            var reachedExecutive = changeAt.TryGetValue(Phase.ExecutiveAction, out var executive);
            var first = new ElgMeeting
            {
                InvestigationId = id, OperationName = investigation.OperationName, Classification = investigation.Classification, RecordedBy = commander.Name,
                HeldAt = Between(opened.AddDays(2), (reachedExecutive ? executive : until).AddDays(-4)),
                Attendees = Attendees(),
                Decisions =
                [
                    new ElgDecision
                    {
                        Decision = "Covert investigation continues; the group meets again within 14 days",
                        Rationale = "The evidence is not yet sufficient and the risk to the public is assessed as manageable.",
                        Balance = ElgBalance.EvidenceGathering,
                    },
                ],
            };
            var partner = unit.Code switch { "london" => "la-tower-hamlets", "north-west" => "la-manchester", _ => null };
            if (partner is not null && investigation.Classification == Classification.Official && world.Partners.TryGetValue(partner, out var agency))
            {
                first.Decisions.Add(new ElgDecision
                {
                    Decision = "Share safeguarding concerns about children in the household with the local authority",
                    Rationale = "Child protection; only what the local authority needs is shared.",
                    Balance = ElgBalance.PublicSafety,
                });
                first.SharedWith.Add(new PartnerShare { AgencyId = agency });
            }
            db.Add(first);
            if (reachedExecutive)
            {
                db.Add(new ElgMeeting
                {
                    InvestigationId = id, OperationName = investigation.OperationName, Classification = investigation.Classification, RecordedBy = commander.Name,
                    HeldAt = executive.AddDays(-1).AddHours(-work.Next(0, 12)),
                    Attendees = Attendees(),
                    Decisions =
                    [
                        new ElgDecision
                        {
                            Decision = "Executive action authorised: arrests and searches may go ahead",
                            Rationale = "The risk to the public now outweighs the value of further evidence gathering.",
                            Balance = ElgBalance.PublicSafety,
                            AuthorisesExecutiveAction = true,
                        },
                    ],
                });
            }
        }

        private void AddEvents(Guid id, List<Member> officers, Dictionary<Phase, DateTimeOffset> changeAt)
        {
            void Event(DateTimeOffset at, string title, string detail, string source) => db.Add(new TimelineEvent
            {
                InvestigationId = id, OccurredAt = at, Title = title, Detail = detail, Source = source, AddedBy = Pick(officers).Name,
            });
            if (changeAt.TryGetValue(Phase.Investigation, out var investigating))
            {
                Event(investigating.AddDays(work.Next(1, 6)), "Surveillance deployment", "Subjects seen meeting at a fictional café.", "Surveillance log");
            }
            if (changeAt.TryGetValue(Phase.ExecutiveAction, out var executive))
            {
                Event(executive.AddHours(2), "Arrests and searches", "Arrests made and premises searched without incident.", "Custody record");
            }
            if (changeAt.TryGetValue(Phase.Prosecution, out var prosecution))
            {
                Event(prosecution.AddHours(-20), "First appearance at the magistrates' court", "Sent to the Crown Court; remanded in custody.", "Court listing");
            }
            if (changeAt.TryGetValue(Phase.Outcome, out var outcome))
            {
                Event(outcome.AddHours(-4), "Verdict", "The jury returned its verdicts.", "Court listing");
            }
        }

        /// <summary>Links people from the Subjects demo records of the same unit that the whole team may see.
        /// The choice uses its own stream over the unit's pool in a fixed order: nothing about the case
        /// (threat type, risk, outcome) enters into it.</summary>
        private void LinkSubjects(Guid id, Plan plan, Investigation investigation, List<Member> team, List<Member> officers, DateTimeOffset opened, DateTimeOffset until, bool charged)
        {
            var clearance = team.Min(m => m.User.Clearance);
            var ceiling = clearance < investigation.Classification ? clearance : investigation.Classification;
            bool Visible(Person p) => p.Classification <= ceiling
                && (p.Groups.Count == 0 || team.All(m => world.Memberships.TryGetValue(m.User.Id, out var g) && p.Groups.Any(g.Contains)));
            var pool = world.People.Where(p => p.UnitId == investigation.OwningUnitId && Visible(p)).ToList();
            if (pool.Count == 0)
            {
                pool = world.People.Where(Visible).ToList();
            }
            var suspects = charged ? 1 + links.Next(2) : plan.Phase == Phase.IntelligenceDevelopment ? links.Next(2) : links.Next(3);
            var associates = links.Next(2);
            var chosen = new List<Person>();
            for (var i = 0; i < suspects + associates && pool.Count > chosen.Count; i++)
            {
                // People not yet linked elsewhere first; someone already linked only when a charge needs a suspect.
                var fresh = pool.Where(p => !linked.Contains(p.Id) && !chosen.Contains(p)).ToList();
                if (fresh.Count == 0 && !(charged && i == 0))
                {
                    break;
                }
                var from = fresh.Count > 0 ? fresh : pool;
                var person = from[links.Next(from.Count)];
                chosen.Add(person);
                linked.Add(person.Id);
            }
            for (var i = 0; i < chosen.Count; i++)
            {
                var suspect = i < suspects;
                db.Add(new InvestigationSubject
                {
                    InvestigationId = id, SubjectId = chosen[i].Id, Role = suspect ? SubjectRole.Suspect : SubjectRole.Associate,
                    Notes = suspect ? "Suspected of involvement (fictional demonstration link)." : "Known associate (fictional demonstration link).",
                    AddedAt = Between(opened.AddHours(3), until.AddDays(-2)), AddedBy = Pick(officers).Name,
                });
            }
        }

        private static string Initials(string displayName)
        {
            var parts = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return string.Concat(parts.Skip(parts.Length > 2 ? 1 : 0).Select(p => char.ToUpperInvariant(p[0])));
        }

        private void AddExhibits(Guid id, Unit unit, List<Member> officers, DateTimeOffset executive)
        {
            var numbers = new Dictionary<string, int>();
            foreach (var (description, from) in Seizures.OrderBy(_ => work.Next()).Take(work.Next(2, 5)))
            {
                var officer = Pick(officers).Name;
                var initials = Initials(officer);
                numbers[initials] = numbers.GetValueOrDefault(initials) + 1;
                var seized = executive.AddHours(1).AddMinutes(work.Next(0, 300));
                var store = $"{unit.Name} property store";
                var exhibit = new Exhibit
                {
                    InvestigationId = id, Reference = $"{initials}/{numbers[initials]}", Description = description, SeizedBy = officer,
                    SeizedFrom = from, SeizedAt = seized, Custodian = store,
                    Continuity = [new Handover { From = officer, To = store, At = seized.AddHours(3), Reason = "Booked into the property store", RecordedBy = officer }],
                };
                if (description.Contains("phone", StringComparison.OrdinalIgnoreCase) || description.Contains("computer", StringComparison.OrdinalIgnoreCase) || description.Contains("USB", StringComparison.Ordinal))
                {
                    const string lab = "Digital forensics unit (fictional)";
                    exhibit.Continuity.Add(new Handover { From = store, To = lab, At = seized.AddDays(2), Reason = "Submitted for forensic examination", RecordedBy = officer });
                    exhibit.Custodian = lab;
                }
                db.Add(exhibit);
            }
        }

        private void AddStatements(Guid id, List<Member> officers, DateTimeOffset executive, DateTimeOffset until)
        {
            foreach (var body in StatementBodies.OrderBy(_ => work.Next()).Take(work.Next(1, 4)))
            {
                var witness = PersonName();
                db.Add(new WitnessStatement
                {
                    InvestigationId = id, Witness = witness, TakenOn = DateOnly.FromDateTime(Between(executive, until.AddDays(-1)).UtcDateTime),
                    TakenBy = Pick(officers).Name,
                    Text = $"I am {witness}. {body} This statement is fictional: it was written for the Vigil demonstration and describes no real person or event.",
                });
            }
        }

        private void AddDisclosure(Guid id, Plan plan, List<Member> team, Member commander, DateTimeOffset charge, DateTimeOffset until)
        {
            var officer = team.FirstOrDefault(m => m.Role == TeamRole.DisclosureOfficer);
            var recorder = officer ?? commander;
            var items = Unused.OrderBy(_ => work.Next()).Take(work.Next(3, 7)).Select((u, i) => new DisclosureItem
            {
                InvestigationId = id, Number = i + 1, Description = u.Description, Location = "Case papers store (fictional)", Schedule = u.Schedule,
                PublicInterestReason = u.PublicInterest, FlaggedForProsecutor = u.Flag is not null, FlagReason = u.Flag,
                RecordedAt = Between(charge.AddHours(4), until.AddDays(-2)), RecordedBy = recorder.Name,
            }).ToList();
            db.AddRange(items);
            if (officer is null)
            {
                return; // no disclosure officer in the team yet: the schedules wait unsigned
            }
            var signedAt = items.Max(i => i.RecordedAt).AddHours(work.Next(2, 30));
            signedAt = signedAt > until ? until : signedAt;
            var forms = plan.Phase == Phase.Charge ? new[] { "MG6C" } : Disclosure.Forms;
            foreach (var form in forms)
            {
                db.Add(new ScheduleSignOff
                {
                    InvestigationId = id, Form = form, SignedAt = signedAt, SignedBy = officer.Name,
                    ItemCount = form switch
                    {
                        "MG6C" => items.Count(i => i.Schedule == Schedule.Mg6C),
                        "MG6D" => items.Count(i => i.Schedule == Schedule.Mg6D),
                        _ => items.Count(i => i.FlaggedForProsecutor),
                    },
                });
            }
        }
    }
}
