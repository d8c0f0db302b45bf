using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Statistics;

namespace Vigil.Web.Protect;

/// <summary>Protect's part of the national picture: sites by Martyn's Law tier, the period's assessments, and
/// recommendations overdue at its end; the crowded places indicator (sites on the register) for the budget model.</summary>
public sealed class ProtectFigures : INationalFigures
{
    public int Order => 50;

    public async Task<IReadOnlyList<FigureTable>> TablesAsync(VigilDb db, FiguresScope scope, CancellationToken ct)
    {
        var tiers = new List<FigureCount>();
        foreach (var tier in Enum.GetValues<MartynsLawTier>())
        {
            tiers.Add(new FigureCount(ProtectReferenceData.TierName(tier), await scope.Records<ProtectSite>(db).CountAsync(ProtectSite.InTier(tier), ct)));
        }
        var (fromDay, untilDay) = (DateOnly.FromDateTime(scope.From.UtcDateTime), scope.UntilDay);
        var assessed = await scope.Records<ProtectSite>(db).SelectMany(s => s.Assessments).CountAsync(a => a.VisitedOn >= fromDay && a.VisitedOn < untilDay, ct);
        var overdue = await scope.Records<ProtectSite>(db).SelectMany(s => s.Recommendations)
            .CountAsync(r => (r.Status == RecommendationStatus.Open || r.Status == RecommendationStatus.InProgress) && r.DueOn < untilDay, ct);
        return
        [
            new("protect-tier", "Sites and crowded places by Martyn's Law tier", "Tier",
                tiers),
            new("protect-work", "Protect assessments and recommendations", "Measure",
                [new FigureCount("Assessments in the period", assessed), new FigureCount("Recommendations overdue at its end", overdue)], Separate: true),
            new("overdue", "Overdue work", "Work", [new FigureCount("Protect recommendations past due", overdue)], Separate: true),
        ];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, long>>> IndicatorsAsync(VigilDb db, FiguresScope scope, CancellationToken ct) =>
        new Dictionary<string, IReadOnlyDictionary<Guid, long>>
        {
            ["crowded-places"] = await scope.Records<ProtectSite>(db).GroupBy(s => s.OwningUnitId).Select(g => new { g.Key, Count = (long)g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct),
        };
}
