using Microsoft.EntityFrameworkCore;
using Vigil.Web.Network;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Intelligence;

/// <summary>
/// A few hundred fictional intelligence reports shaped like real ones, for demo mode: graded across 3x5x2 (a
/// few legacy 5x5x5), some under handling code C, naming demo subjects of their unit and their phones and
/// vehicles, some linked to the unit's demo investigations; the London and North West intelligence officers
/// join their unit's source unit, which holds the source details. Each field has its own random stream, and
/// people not yet known are named from the demo name pool, so nothing ties a name to a grade or a text.
/// </summary>
public sealed class IntelligenceDemoSeed : ISeed
{
    public string Name => "intelligence-demo";
    public IReadOnlyList<string> After => ["demo-accounts", "intelligence-reference", "subjects-demo", "pursue-demo"];

    public const int Reports = 300;

    /// <summary>A report every demo walk-through can find (README): London, SECRET, naming the walkthrough phone.</summary>
    public const string WalkthroughWord = "HEMLOCKWOOD";

    private static readonly string[] Regions = ["london", "north-west", "wales", "west-midlands"];

    private static readonly string[] Activities =
    [
        "was seen buying large quantities of hydrogen peroxide from a garden centre",
        "has been researching the layout and security of a crowded shopping centre",
        "was overheard discussing travel to a conflict zone",
        "shares extremist propaganda in a closed online group",
        "met two associates at a gym after closing time",
        "asked an acquaintance where to obtain a firearm",
        "has been transferring small sums to an overseas account",
        "was filming the entrance of a transport hub for over an hour",
        "has stopped attending work and withdrawn from family",
        "is storing a large number of gas canisters in a rented garage",
    ];

    private static readonly string[] Places =
    [
        "Exampleton market", "the Demo Road retail park", "Fictional Street station", "a lock-up on Sample Lane", "the Testbury leisure centre",
        "a café near Placeholder Square", "the Mockford bus station", "an industrial unit on Dummy Way",
    ];

    private static readonly string[] Sources = ["a covert human intelligence source", "a member of the public", "a partner agency", "a police patrol", "an open source review"];

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<IntelligenceReport>().IgnoreQueryFilters().AnyAsync(ct))
        {
            return;
        }
        var units = await db.Set<Unit>().Where(u => Regions.Contains(u.Code)).ToDictionaryAsync(u => u.Code, ct);
        var officers = await db.Users.Where(u => u.IsDemo && u.UnitId != null).Select(u => new { u.Id, u.DisplayName, u.UnitId, u.Email }).ToListAsync(ct);
        var sourceUnits = new Dictionary<Guid, Guid>();
        foreach (var unit in units.Values)
        {
            if (await IntelligenceModule.SourceUnitGroupAsync(db, unit.Id, ct) is { } group)
            {
                sourceUnits[unit.Id] = group;
            }
        }
        foreach (var officer in officers.Where(o => o.Email!.StartsWith("intelligence.", StringComparison.Ordinal) && sourceUnits.ContainsKey(o.UnitId!.Value)))
        {
            db.Add(new GroupMembership { GroupId = sourceUnits[officer.UnitId!.Value], UserId = officer.Id });
        }
        // What the seed draws from: each unit's demo subjects and investigations.
        var people = (await db.Set<Subject>().IgnoreQueryFilters().AsNoTracking().Where(s => s.MergedIntoId == null)
                .Select(s => new { s.Id, s.GivenName, s.Surname, s.OwningUnitId, s.Classification, Groups = s.NeedToKnow.Count })
                .ToListAsync(ct))
            .Where(s => s.Groups == 0 && s.Classification == Classification.Official).GroupBy(s => s.OwningUnitId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Id).ToList());
        var investigations = (await db.Set<SearchEntry>().AsNoTracking().Where(e => e.RecordType == "investigation").Select(e => new { e.RecordId, e.Title, e.UnitId }).ToListAsync(ct))
            .GroupBy(e => e.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.RecordId).ToList());

        var names = new DemoNames(1414);
        var grades = new Random(1401);
        var texts = new Random(1402);
        var dates = new Random(1403);
        var picks = new Random(1404);
        var labels = new Random(1405);
        var now = db.Clock.GetUtcNow();
        var unitList = units.Values.OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        for (var i = 0; i < Reports; i++)
        {
            var unit = unitList[i % unitList.Count];
            var submitter = officers.Where(o => o.UnitId == unit.Id).OrderBy(o => o.Email, StringComparer.Ordinal).ElementAtOrDefault(picks.Next(4)) ?? officers.First(o => o.UnitId == unit.Id);
            var reportedAt = now.AddDays(-dates.Next(1, 700)).AddMinutes(-dates.Next(600));
            var handling = grades.Next(4) == 0 ? HandlingCode.C : HandlingCode.P;
            var legacy = grades.Next(15) == 0 ? $"{(char)('A' + grades.Next(5))}{grades.Next(1, 6)}{grades.Next(1, 6)}" : null;
            var candidates = people.GetValueOrDefault(unit.Id) ?? [];
            var person = candidates.Count > 0 && picks.Next(4) != 0 ? candidates[picks.Next(candidates.Count)] : null;
            var stranger = person is null ? names.Next() : null;
            var who = person is not null ? $"{person.GivenName} {person.Surname}" : $"{stranger!.Name.FirstName()} {stranger.Name.LastName()}";
            var walkthrough = i == 0;
            var report = new IntelligenceReport
            {
                Reference = IntelligenceReport.NewReference(reportedAt.Year, picks),
                Text = walkthrough
                    ? $"A source reports that {who} is storing chemicals at a lock-up known as {WalkthroughWord} and uses the phone 07700 900111."
                    : $"{Capital(Sources[texts.Next(Sources.Length)])} reports that {who} {Activities[texts.Next(Activities.Length)]} near {Places[texts.Next(Places.Length)]}.",
                Source = (SourceEvaluation)grades.Next(1, 4), Assessment = (IntelligenceAssessment)grades.Next(5), Handling = legacy is null ? handling : legacy[2] == '1' ? HandlingCode.P : HandlingCode.C,
                LegacyGrading = legacy,
                InformationDate = DateOnly.FromDateTime(reportedAt.UtcDateTime).AddDays(-dates.Next(0, 10)),
                ReportedAt = reportedAt, SubmittedById = submitter.Id, SubmittedBy = submitter.DisplayName,
                State = (ReportState)picks.Next(3),
                ReviewDue = DateOnly.FromDateTime(reportedAt.UtcDateTime).AddDays(365 - dates.Next(0, 60)),
                Classification = walkthrough || labels.Next(3) == 0 ? Classification.Secret : Classification.Official,
                OwningUnitId = unit.Id, UpdatedAt = reportedAt,
            };
            report.HandlingConditions = report.Handling == HandlingCode.C ? "Not to be shared outside CTP without the originating unit's consent; no onward sharing with the subject's employer." : "";
            if (report.State == ReportState.Accepted)
            {
                report.GradingNote = "Grading accepted by the intelligence desk";
            }
            if (investigations.GetValueOrDefault(unit.Id) is { Count: > 0 } theirs && picks.Next(3) == 0)
            {
                var linked = theirs[picks.Next(theirs.Count)];
                report.Investigations.Add(new ReportInvestigationLink { InvestigationId = linked.RecordId, OperationName = linked.Title, LinkedAt = reportedAt.AddDays(1), LinkedBy = submitter.DisplayName });
            }
            db.Add(report);
            if (sourceUnits.TryGetValue(unit.Id, out var sourceUnit) && picks.Next(2) == 0)
            {
                db.Add(new SourceDetails
                {
                    ReportId = report.Id, SourceReference = $"SRC-{unit.Code.ToUpperInvariant()}-{picks.Next(100, 999)}", Handler = "DC Demo Handler",
                    HowObtained = "Face-to-face meeting (fictional demo data).", Classification = report.Classification, OwningUnitId = unit.Id,
                    NeedToKnow = [new RecordGroup { GroupId = sourceUnit }],
                });
            }
            var provenance = $"{report.Reference}, graded {report.GradeText}";
            void Named(EntityKind kind, string value, Guid? subject, EntityLink link, string note)
            {
                if (kind is EntityKind.Phone or EntityKind.Vehicle)
                {
                    report.Names(value);
                }
                Add(kind, value, subject, link, note);
            }
            void Add(EntityKind kind, string value, Guid? subject, EntityLink link, string note) => db.Add(new ReportEntity
            {
                ReportId = report.Id, Kind = kind, Value = value, Normalised = kind is EntityKind.Phone or EntityKind.Vehicle ? SearchTerms.Identifier(value) : null,
                SubjectId = subject, Link = link, LinkNote = note, Provenance = provenance, AddedAt = reportedAt, AddedBy = submitter.DisplayName,
            });
            Named(EntityKind.Person, who, person?.Id, person is null ? EntityLink.Unlinked : EntityLink.Linked,
                person is null ? "Nobody you may see: not yet recorded as a subject (demo data)" : "Linked by the deconfliction check (demo data)");
            // Phones from Ofcom's drama range and made-up registrations, from their own stream; not linked (nobody checked holds them).
            var phone = walkthrough ? "07700 900111" : picks.Next(2) == 0 ? $"07700 900{picks.Next(1000):D3}" : null;
            if (phone is not null)
            {
                Named(EntityKind.Phone, phone, null, EntityLink.Unlinked, "Checked at recording: nobody you may see holds it (demo data)");
            }
            if (picks.Next(4) == 0)
            {
                Named(EntityKind.Vehicle, $"DM{picks.Next(10, 99)}{(char)('A' + picks.Next(26))}{(char)('A' + picks.Next(26))}{(char)('A' + picks.Next(26))}", null, EntityLink.Unlinked, "Checked at recording (demo data)");
            }
            if ((i + 1) % 50 == 0)
            {
                await db.SaveChangesAsync(ct);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
