using Bogus;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>
/// Demo Prevent data (demo mode only): Channel panels across the regions (Manchester's with the demo
/// Prevent officer and the local authority's panel member), the demo Prevent officer in the North West
/// Prevent team, and a year of fictional referrals.
/// </summary>
public sealed class PreventDemoSeed : ISeed
{
    public string Name => "prevent-demo";
    // After Pursue's demo too: the demo is generated in one fixed order, so it is the same at every start.
    public IReadOnlyList<string> After => ["demo-accounts", "prevent-reference", "subjects-demo", "pursue-demo"];

    public static readonly IReadOnlyList<(string Code, string LocalAuthority, string Unit)> Panels =
    [
        ("manchester", "Manchester City Council", "north-west"),
        ("bolton", "Bolton Council", "north-west"),
        ("liverpool", "Liverpool City Council", "north-west"),
        ("tower-hamlets", "London Borough of Tower Hamlets", "london"),
        ("camden", "London Borough of Camden", "london"),
        ("birmingham", "Birmingham City Council", "west-midlands"),
        ("leeds", "Leeds City Council", "north-east"),
        ("brighton-hove", "Brighton and Hove City Council", "south-east"),
        ("cardiff", "Cardiff Council", "wales"),
        ("bristol", "Bristol City Council", "south-west"),
        ("nottingham", "Nottingham City Council", "east-midlands"),
        ("luton", "Luton Borough Council", "eastern"),
    ];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<ChannelPanel>().AnyAsync(ct))
        {
            return;
        }
        var units = await db.Set<Network.Unit>().ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var teams = await db.Set<PreventTeam>().ToDictionaryAsync(t => t.UnitId, t => t.GroupId, ct);
        var users = await db.Users.Where(u => u.IsDemo).ToDictionaryAsync(u => u.Email!, ct);
        var officer = users["prevent.northwest@vigil.example"];
        var member = users["channel.manchester@vigil.example"];
        db.Add(new GroupMembership { GroupId = teams[units["north-west"]], UserId = officer.Id });
        var now = db.Clock.GetUtcNow();
        // Who recorded the demo's casework, as a page shows it: the demo Prevent officer in the North West, and
        // a fictional officer of each other unit (never an internal name). Names come from a stream of their
        // own, so the rest of the demo is drawn as before.
        var staff = new DemoNames(7_2026);
        var recorders = Panels.Select(p => p.Unit).Distinct().ToDictionary(u => units[u], u => u == "north-west" ? officer.DisplayName : Officer(staff.Next()));
        var panels = new List<ChannelPanel>();
        foreach (var (code, authority, unit) in Panels)
        {
            var group = code == "manchester"
                ? await db.NeedToKnowGroups.SingleAsync(g => g.Name == DemoData.ManchesterPanelGroup, ct)
                : new NeedToKnowGroup { Name = $"Channel panel: {authority}", OwningUnitId = units[unit], Description = $"Members of the {authority} Channel panel.", ManagedBy = $"the {authority} Channel panel" };
            if (code != "manchester")
            {
                db.Add(group);
            }
            var panel = new ChannelPanel { Code = code, LocalAuthority = authority, UnitId = units[unit], GroupId = group.Id, Chair = Person(staff.Next()) };
            if (code == "manchester")
            {
                panel.Chair = member.DisplayName;
                panel.Members.Add(new PanelMember { UserId = member.Id, Represents = $"{authority} (chair)", IsChair = true, AddedAt = now });
                panel.Members.Add(new PanelMember { UserId = officer.Id, Represents = "Police (Prevent)", AddedAt = now });
            }
            else if (unit == "north-west")
            {
                panel.Members.Add(new PanelMember { UserId = officer.Id, Represents = "Police (Prevent)", AddedAt = now });
                db.Add(new GroupMembership { GroupId = group.Id, UserId = officer.Id });
            }
            panels.Add(panel);
        }
        db.AddRange(panels);
        await db.SaveChangesAsync(ct);
        await new Year(db, panels, teams, recorders, now).SeedAsync(ct);
    }

    /// <summary>
    /// Referrals from 1 April of last year's statistical year to yesterday: about a tenth of the national
    /// volume, shaped like the Home Office's 2023/24 release (sector, concern, age, gender and outcome
    /// proportions; DOMAIN.md). Every attribute is drawn from its own random stream, and names from theirs
    /// (<see cref="DemoNames"/>), so no name, gender or age says anything about the concern or the outcome.
    /// </summary>
    private static string Person(Bogus.Faker f) => $"{f.Name.FirstName()} {f.Name.LastName()}";

    private static string Officer(Bogus.Faker f) => "PC " + Person(f);

    private sealed class Year(VigilDb db, List<ChannelPanel> panels, Dictionary<Guid, Guid> teams, Dictionary<Guid, string> recorders, DateTimeOffset now)
    {
        private string By(PreventCase c) => recorders[c.OwningUnitId];

        private readonly DemoNames names = new(5_2026);
        private readonly Random when = new(1), sector = new(2), concern = new(3), age = new(4), gender = new(5), place = new(6), outcome = new(7), work = new(8), judgement = new(9), references = new(10);
        private readonly DateOnly today = DateOnly.FromDateTime(now.UtcDateTime);

        private static readonly (ReferrerSector Value, double Share)[] Sectors =
        [
            (ReferrerSector.Education, 0.40), (ReferrerSector.Police, 0.28), (ReferrerSector.Health, 0.09), (ReferrerSector.LocalAuthority, 0.07),
            (ReferrerSector.FriendsAndFamily, 0.04), (ReferrerSector.Community, 0.03), (ReferrerSector.Prisons, 0.02), (ReferrerSector.Probation, 0.02), (ReferrerSector.Other, 0.05),
        ];

        private static readonly (string Code, double Share)[] Concerns =
        [
            ("no-ideology", 0.24), ("other", 0.20), ("extreme-right-wing", 0.19), ("islamist", 0.13), ("mixed-unclear-unstable", 0.12),
            ("conflicted", 0.06), ("school-massacre", 0.03), ("incel", 0.02), ("left-wing-anarchist-single-issue", 0.01),
        ];

        private static readonly ((int From, int To) Ages, double Share)[] AgeGroups =
        [
            ((11, 14), 0.39), ((15, 20), 0.24), ((21, 30), 0.13), ((31, 40), 0.10), ((41, 50), 0.07), ((51, 75), 0.05), ((-1, -1), 0.02),
        ];

        private static T Draw<T>(Random random, IReadOnlyList<(T Value, double Share)> shares)
        {
            var roll = random.NextDouble() * shares.Sum(s => s.Share);
            foreach (var (value, share) in shares)
            {
                if ((roll -= share) < 0)
                {
                    return value;
                }
            }
            return shares[^1].Value;
        }

        public async Task SeedAsync(CancellationToken ct)
        {
            var start = new DateOnly(today.Month >= 4 ? today.Year - 1 : today.Year - 2, 4, 1);
            var factors = PreventReferenceSeed.VafFactors;
            var meetings = new Dictionary<(Guid, DateOnly), PanelMeeting>();
            var number = new HashSet<(int Year, int Number)>();
            var days = today.DayNumber - start.DayNumber;
            // About 700 a year, a little over two a day, with fewer at weekends.
            var batch = 0;
            for (var day = 0; day < days; day++)
            {
                var date = start.AddDays(day);
                var count = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? when.Next(2) : 1 + when.Next(3);
                for (var i = 0; i < count; i++)
                {
                    var referredAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(8 + when.Next(10), when.Next(60))), TimeSpan.Zero);
                    Build(referredAt, number, meetings, factors);
                    if (++batch % 250 == 0)
                    {
                        await db.SaveChangesAsync(ct);
                    }
                }
            }
            // The demo officer's own area always has work in every queue, whatever the random draws gave it:
            // a few scripted North West referrals (their people and attributes drawn like all the others).
            foreach (var (daysAgo, script) in Showcase)
            {
                var at = new DateTimeOffset(today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                Build(at, number, meetings, factors, script);
            }
            await db.SaveChangesAsync(ct);
        }

        /// <summary>A scripted path through the process: the panel, days to the gateway, its outcome, whether
        /// the panel adopts, and how long support lasts.</summary>
        private sealed record Script(string Panel, int GatewayDays, GatewayOutcome Outcome = GatewayOutcome.ReferredToChannel, bool Adopt = false, int SupportDays = 0);

        private static readonly (int DaysAgo, Script Script)[] Showcase =
        [
            (2, new Script("manchester", GatewayDays: 30)),                                      // at the gateway
            (9, new Script("bolton", GatewayDays: 30)),                                          // at the gateway, overdue
            (2, new Script("manchester", GatewayDays: 1)),                                       // before the panel next week
            (60, new Script("manchester", GatewayDays: 2, Adopt: true, SupportDays: 300)),       // in support
            (120, new Script("liverpool", GatewayDays: 3, Adopt: true, SupportDays: 40)),        // left Channel, reviews ahead
        ];

        private void Build(DateTimeOffset referredAt, HashSet<(int Year, int Number)> number, Dictionary<(Guid, DateOnly), PanelMeeting> meetings,
            IReadOnlyList<(VafDimension Dimension, string Code, string Name)> factors, Script? script = null)
        {
            var panel = script is null ? panels[place.Next(panels.Count)] : panels.Single(p => p.Code == script.Panel);
            var team = teams[panel.UnitId];
            var faker = names.Next();
            var (from, to) = Draw(age, AgeGroups);
            var referredOn = DateOnly.FromDateTime(referredAt.UtcDateTime);
            DateOnly? dob = from < 0 ? null : referredOn.AddYears(-(from + age.Next(to - from + 1))).AddDays(-age.Next(365));
            var sex = Draw(gender, [(Gender.Male, 0.89), (Gender.Female, 0.10), (Gender.NotKnown, 0.01)]);
            var person = new Subject
            {
                GivenName = faker.Name.FirstName(), Surname = faker.Name.LastName(), DateOfBirth = dob, DateOfBirthAccuracy = DateOfBirthAccuracy.Exact,
                Gender = sex, Summary = "Fictional person in the Vigil Prevent demonstration. No real person is described.",
                Classification = Classification.Official, OfficialSensitive = true, OwningUnitId = panel.UnitId,
                NeedToKnow = [new RecordGroup { GroupId = team }], CreatedAt = referredAt, UpdatedAt = referredAt,
            };
            var year = referredAt.Year;
            int drawn;
            do
            {
                drawn = PreventCase.RandomNumber(references);
            }
            while (!number.Add((year, drawn)));
            var referrer = Draw(sector, Sectors);
            var code = Draw(concern, Concerns);
            var c = new PreventCase
            {
                Reference = PreventCase.ReferenceFor(year, drawn), Year = year, Number = drawn, SubjectId = person.Id, PanelId = panel.Id,
                AgeAtReferral = dob is { } d ? Referrals.AgeOn(d, referredOn) : null, Gender = sex, ReferredAt = referredAt, Sector = referrer,
                ConcernScheme = "2023", ConcernCode = code, Stage = PreventStage.Gateway, GatewayDue = referredOn.AddDays(PreventCases.GatewayTargetDays),
                Classification = Classification.Official, OfficialSensitive = true, OwningUnitId = panel.UnitId, NeedToKnow = [new RecordGroup { GroupId = team }],
                Referrals =
                [
                    new Referral
                    {
                        ReceivedAt = referredAt, Sector = referrer, FromPublicForm = referrer is ReferrerSector.FriendsAndFamily or ReferrerSector.Community,
                        ReferrerName = "Fictional referrer", ReferrerOrganisation = referrer is ReferrerSector.FriendsAndFamily ? "" : $"Example {PreventNames.Display(referrer).ToLowerInvariant()} organisation",
                        ConcernScheme = "2023", ConcernCode = code, WhatPrompted = "Fictional concern recorded for the demonstration.", RecordedBy = recorders[panel.UnitId],
                    },
                ],
            };
            c.Record(referredAt, By(c), "Referral recorded", $"from {PreventNames.Display(referrer)}");
            db.AddRange(person, c);

            // The gateway takes 1 to 9 days; referrals younger than that are still waiting (some overdue).
            var gatewayOn = referredOn.AddDays(script?.GatewayDays ?? 1 + work.Next(9));
            if (gatewayOn >= today)
            {
                return;
            }
            var gatewayAt = new DateTimeOffset(gatewayOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            var roll = script is null ? outcome.NextDouble() : script.Outcome switch { GatewayOutcome.NoFurtherAction => 0, GatewayOutcome.Signposted => 0.6, _ => 0.99 };
            c.DeconflictedAt = gatewayAt.AddHours(-2);
            c.DeconflictionSummary = "No other record of this person anywhere in the network.";
            c.Record(gatewayAt.AddHours(-2), By(c), "Deconfliction check", "no other record", policeOnly: true);
            Require(c, PreventStep.RecordGateway);
            const string reason = "Demonstration gateway assessment.";
            if (roll < 0.51)
            {
                c.RecordGateway(GatewayOutcome.NoFurtherAction, VulnerabilityFinding.NotAppropriateForChannel, reason, "", gatewayAt, By(c));
                c.Record(gatewayAt, By(c), "Gateway: No further action", reason, policeOnly: true);
                return;
            }
            if (roll < 0.87)
            {
                c.RecordGateway(GatewayOutcome.Signposted, VulnerabilityFinding.PossibleVulnerability, reason,
                    work.Next(2) == 0 ? "Children's social care" : "Mental health services", gatewayAt, By(c));
                c.Record(gatewayAt, By(c), "Gateway: Signposted to other services", c.SignpostedTo, policeOnly: true);
                return;
            }
            c.RecordGateway(GatewayOutcome.ReferredToChannel, VulnerabilityFinding.ClearVulnerability, reason, "", gatewayAt, By(c));
            c.NeedToKnow.Add(new RecordGroup { GroupId = panel.GroupId });
            person.NeedToKnow.Add(new RecordGroup { GroupId = panel.GroupId });
            c.Record(gatewayAt, By(c), "Gateway: Referred to the Channel panel", reason, policeOnly: true);

            // Panels meet on the first Tuesday after the gateway (every week in the demo).
            var heldOn = gatewayOn.AddDays(1);
            while (heldOn.DayOfWeek != DayOfWeek.Tuesday)
            {
                heldOn = heldOn.AddDays(1);
            }
            if (heldOn >= today)
            {
                return;
            }
            if (!meetings.TryGetValue((panel.Id, heldOn), out var meeting))
            {
                meeting = new PanelMeeting { PanelId = panel.Id, HeldOn = heldOn, Location = $"{panel.LocalAuthority}, committee room", Attendees = "Chair; police Prevent officer; education, health and children's services", RecordedAt = now, RecordedBy = recorders[panel.UnitId] };
                meetings[(panel.Id, heldOn)] = meeting;
                db.Add(meeting);
            }
            var metAt = new DateTimeOffset(heldOn.ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero);
            db.Add(new VulnerabilityAssessment
            {
                CaseId = c.Id, MeetingId = meeting.Id, AssessedOn = heldOn, FrameworkVersion = PreventReferenceSeed.VafVersion,
                Judgements = factors.Select(f => new FactorJudgement { FactorCode = f.Code, Judgement = (Judgement)judgement.Next(4), Notes = "" }).ToList(),
                EngagementSummary = "Demonstration summary of engagement.", IntentSummary = "Demonstration summary of intent.", CapabilitySummary = "Demonstration summary of capability.",
                RecordedAt = metAt, RecordedBy = By(c),
            });
            c.DiscussedAt = metAt;
            var adopt = script?.Adopt ?? outcome.NextDouble() < 0.57;
            if (adopt)
            {
                c.Consents.Add(new ConsentRecord
                {
                    Given = true, GivenBy = c.IsChild ? ConsentGiver.ParentOrGuardian : ConsentGiver.Person, Name = c.IsChild ? "Fictional parent" : $"{person.GivenName} {person.Surname}",
                    Relationship = c.IsChild ? "Parent" : "", On = heldOn.AddDays(-1), Method = ConsentMethod.InPerson, HasCapacity = !c.IsChild, RecordedAt = metAt.AddDays(-1), RecordedBy = By(c),
                });
                Require(c, PreventStep.Adopt, assessed: true);
                c.Decide(PanelDecision.Adopt, metAt, "");
                db.Add(new PanelDiscussion { CaseId = c.Id, MeetingId = meeting.Id, Decision = PanelDecision.Adopt, Rationale = "Demonstration decision: support offered and accepted.", RecordedAt = metAt, RecordedBy = By(c) });
                c.Record(metAt, By(c), "Panel: Adopted as a Channel case");
                db.Add(new Intervention { CaseId = c.Id, Type = InterventionType.InterventionProvider, Provider = "Fictional Mentoring Ltd", StartsOn = heldOn.AddDays(7), RecordedAt = metAt, RecordedBy = By(c) });
                if (work.Next(2) == 0)
                {
                    db.Add(new Intervention { CaseId = c.Id, Type = (InterventionType)(1 + work.Next(6)), Provider = "Example local service", StartsOn = heldOn.AddDays(14), EndsOn = heldOn.AddDays(120), RecordedAt = metAt, RecordedBy = By(c) });
                }
                var exitOn = heldOn.AddDays(script?.SupportDays ?? 90 + work.Next(180));
                if (exitOn >= today)
                {
                    db.Add(new CaseReview { CaseId = c.Id, Kind = ReviewKind.Progress, DueOn = today.AddDays(work.Next(-5, 28)) });
                    return;
                }
                Require(c, PreventStep.Exit);
                c.Exit(exitOn, "Vulnerability significantly reduced (demonstration).", withConcerns: work.Next(10) == 0);
                c.Record(new DateTimeOffset(exitOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), By(c), "Left Channel", c.ExitReason);
                var six = new CaseReview { CaseId = c.Id, Kind = ReviewKind.SixMonth, DueOn = exitOn.AddMonths(6) };
                var twelve = new CaseReview { CaseId = c.Id, Kind = ReviewKind.TwelveMonth, DueOn = exitOn.AddMonths(12) };
                // Most reviews due before today were done on time; a few are left overdue for the queue.
                foreach (var review in new[] { six, twelve }.Where(r => r.DueOn < today && work.Next(8) != 0))
                {
                    review.CompletedOn = review.DueOn;
                    review.Notes = "Demonstration review: no further concerns.";
                    review.ConcernsRemain = false;
                    review.CompletedBy = By(c);
                }
                db.AddRange(six, twelve);
                if (six.CompletedOn is not null && twelve.CompletedOn is not null)
                {
                    c.Close(CaseClosure.ReviewsComplete, new DateTimeOffset(twelve.DueOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
                }
                return;
            }
            Require(c, PreventStep.NotAdopt);
            c.Decide(PanelDecision.NotAdopt, metAt, "Early help from children's or adult services (demonstration).");
            db.Add(new PanelDiscussion { CaseId = c.Id, MeetingId = meeting.Id, Decision = PanelDecision.NotAdopt, Rationale = "Demonstration decision: other support fits better.", AlternativeSupport = c.AlternativeSupport, RecordedAt = metAt, RecordedBy = By(c) });
            c.Record(metAt, By(c), "Panel: Not adopted", c.AlternativeSupport);
        }

        /// <summary>The demo builds cases through the same rules the use cases apply: a draw that breaks one stops the seed.</summary>
        private static void Require(PreventCase c, PreventStep step, bool assessed = false)
        {
            if (c.WhyNot(step, new CaseAsker(Police: true, PanelMember: true, assessed)) is { } refusal)
            {
                throw new InvalidOperationException($"The Prevent demo seed breaks a rule on {c.Reference}: {refusal.Message}");
            }
        }
    }
}
