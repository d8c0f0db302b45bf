using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Data.Scale;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Intelligence;

/// <summary>
/// The national-scale generator's intelligence reports (as many as people unless `--reports` says): spread over
/// the units as their subjects are, each naming one of its unit's people and often a phone or a vehicle, some
/// linked to an investigation of the unit and some restricted to its team; graded across 3x5x2, a few legacy.
/// The words are drawn so that some are common (a source, seen, reports) and others rare (a place, a code word),
/// as the search benchmark needs. Every field draws from its own stream.
/// </summary>
internal sealed class IntelligenceScaleSeed : IScaleSeed
{
    public string Name => "intelligence";
    public IReadOnlyList<string> After => ["subjects", "pursue"];

    private static readonly string[] Openings = ["A source reports that", "A member of the public reports that", "A partner agency reports that", "Officers on patrol saw that", "An open source review found that"];

    private static readonly string[] Activities =
    [
        "was seen buying hydrogen peroxide", "has been researching crowded places", "discussed travel abroad", "shares propaganda online",
        "met associates late at night", "asked where to obtain a firearm", "transferred money overseas", "filmed the entrance of a station",
        "withdrew from family and work", "stored gas canisters in a garage", "visited a gun club", "bought a drone", "hired a van for cash",
    ];

    private static readonly string[] Syllables = ["bar", "cal", "dun", "fel", "gar", "hol", "kir", "lan", "mor", "nor", "pel", "quin", "ros", "sal", "tor", "ul", "ven", "wex", "yar", "zen"];
    private static readonly string[] Endings = ["ford", "by", "ton"];
    // Rare words: a thousand fictional place names (after the parts they are made of), so a query for one finds about one report in a thousand.
    private static readonly string[] Places = [.. Enumerable.Range(0, 1000).Select(i => Syllables[i % 20] + Syllables[(i / 20) % 20] + Endings[(i / 400) % 3])];

    public async Task SeedAsync(ScaleContext context, CancellationToken ct)
    {
        var total = context.Plan.IntelligenceReports;
        var units = context.Shared.Where(s => s.Key.StartsWith("subjects:", StringComparison.Ordinal) && s.Value is List<Guid> { Count: > 0 })
            .Select(s => (Unit: Guid.Parse(s.Key["subjects:".Length..]), People: (List<Guid>)s.Value)).OrderBy(u => u.Unit).ToList();
        if (total == 0 || units.Count == 0)
        {
            return;
        }
        var teams = context.Shared.TryGetValue("restricted-groups", out var t) ? (IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>)t : new Dictionary<Guid, IReadOnlyList<Guid>>();
        var everyone = units.Sum(u => u.People.Count);
        Random place = context.Stream("report-unit"), words = context.Stream("report-words"), grade = context.Stream("report-grade"),
            label = context.Stream("report-label"), when = context.Stream("report-date"), ids = context.Stream("report-ids"), named = context.Stream("report-entities");
        // References are drawn at random (7 base-32 characters a year): at a million reports two draws can meet, and
        // the unique index refuses the second, so a reference already drawn is drawn again.
        var references = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 1; n <= total; n++)
        {
            // A unit in proportion to its people, then one of them.
            var pick = place.Next(everyone);
            var (unit, people) = units.First(u => (pick -= u.People.Count) < 0);
            var person = people[place.Next(people.Count)];
            var reportedAt = context.Now.AddDays(-when.Next(1, 3650)).AddMinutes(-when.Next(1440));
            var handling = grade.Next(5) == 0 ? HandlingCode.C : HandlingCode.P;
            var restricted = teams.TryGetValue(unit, out var unitTeams) && unitTeams.Count > 0 && label.Next(20) == 0;
            var investigations = context.Shared.TryGetValue($"investigations:{unit}", out var inv) ? (List<(Guid Id, string Operation)>)inv : [];
            var phone = named.Next(2) == 0 ? $"07700 9{named.Next(100_000):D5}" : null;
            var report = new IntelligenceReport
            {
                Id = ScaleContext.Id(ids), Reference = Unique(references, () => IntelligenceReport.NewReference(reportedAt.Year, ids)),
                Text = $"{Openings[words.Next(Openings.Length)]} the person {Activities[words.Next(Activities.Length)]} near {Places[words.Next(Places.Length)]}"
                    + (phone is null ? "." : $" and used the phone {phone}.") + (words.Next(3) == 0 ? $" Reported again near {Places[words.Next(Places.Length)]}." : ""),
                Source = (SourceEvaluation)grade.Next(1, 4), Assessment = (IntelligenceAssessment)grade.Next(5), Handling = handling,
                HandlingConditions = handling == HandlingCode.C ? "Not to be shared outside CTP without the originating unit's consent." : "",
                LegacyGrading = grade.Next(50) == 0 ? $"{(char)('A' + grade.Next(5))}{grade.Next(1, 6)}{grade.Next(1, 6)}" : null,
                InformationDate = DateOnly.FromDateTime(reportedAt.UtcDateTime).AddDays(-when.Next(0, 14)),
                ReportedAt = reportedAt, SubmittedBy = "Fictional officer", State = (ReportState)grade.Next(3),
                ReviewDue = DateOnly.FromDateTime(reportedAt.UtcDateTime).AddDays(365 * (1 + when.Next(3))),
                Classification = label.Next(3) == 0 ? Classification.Secret : Classification.Official, OwningUnitId = unit, UpdatedAt = reportedAt,
                NeedToKnow = restricted ? [new RecordGroup { GroupId = unitTeams![label.Next(unitTeams.Count)] }] : [],
            };
            report.Names(phone);
            if (investigations.Count > 0 && named.Next(5) == 0)
            {
                var (id, operation) = investigations[named.Next(investigations.Count)];
                report.Investigations.Add(new ReportInvestigationLink { InvestigationId = id, OperationName = operation, LinkedAt = reportedAt, LinkedBy = "Fictional officer" });
            }
            await context.AddAsync(report, ct);
            var provenance = $"{report.Reference}, graded {report.GradeText}";
            await context.AddAsync(new ReportEntity
            {
                Id = ScaleContext.Id(ids), ReportId = report.Id, Kind = EntityKind.Person, Value = "A fictional person", SubjectId = person, Link = EntityLink.Linked,
                LinkNote = "Fictional link in the national-scale demonstration data.", Provenance = provenance, AddedAt = reportedAt, AddedBy = "Fictional officer",
            }, ct);
            if (phone is not null)
            {
                await context.AddAsync(new ReportEntity
                {
                    Id = ScaleContext.Id(ids), ReportId = report.Id, Kind = EntityKind.Phone, Value = phone, Normalised = SearchTerms.Identifier(phone), Link = EntityLink.Unlinked,
                    LinkNote = "Fictional.", Provenance = provenance, AddedAt = reportedAt, AddedBy = "Fictional officer",
                }, ct);
            }
            if (n % 100_000 == 0 || n == total)
            {
                context.Progress("intelligence reports", n, total);
            }
        }
        await context.FlushAsync(ct);
    }

    private static string Unique(HashSet<string> taken, Func<string> draw)
    {
        var reference = draw();
        while (!taken.Add(reference))
        {
            reference = draw();
        }
        return reference;
    }
}
