using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Statistics;

namespace Vigil.Web.Subjects;

/// <summary>Subjects' part of the national picture: subjects of interest by tier (their tier now: tiers keep no history)
/// and tier reviews overdue; the subjects indicator (subjects with a tier) for the budget model.</summary>
public sealed class SubjectFigures : INationalFigures
{
    public int Order => 20;

    private static IQueryable<Subject> Known(VigilDb db, FiguresScope scope)
    {
        var until = scope.Until;
        return scope.Records<Subject>(db).Where(s => s.MergedIntoId == null && s.CreatedAt < until);
    }

    public async Task<IReadOnlyList<FigureTable>> TablesAsync(VigilDb db, FiguresScope scope, CancellationToken ct)
    {
        var byTier = await Known(db, scope).GroupBy(s => s.TierId).Select(g => new { g.Key, Count = (long)g.Count() }).ToListAsync(ct);
        var tiers = await db.Set<SubjectTier>().AsNoTracking().OrderBy(t => t.Order).ToListAsync(ct);
        var day = scope.UntilDay;
        var overdue = await Known(db, scope).CountAsync(s => s.TierReviewDue != null && s.TierReviewDue < day, ct);
        return
        [
            new("subjects-tier", "Subjects by tier", "Tier",
                [.. tiers.Select(t => new FigureCount(t.Name, byTier.Where(b => b.Key == t.Id).Sum(b => b.Count))).Append(new FigureCount("No tier", byTier.Where(b => b.Key == null).Sum(b => b.Count)))]),
            new("overdue", "Overdue work", "Work", [new FigureCount("Subject tier reviews past due", overdue)], Separate: true),
        ];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, long>>> IndicatorsAsync(VigilDb db, FiguresScope scope, CancellationToken ct) =>
        new Dictionary<string, IReadOnlyDictionary<Guid, long>>
        {
            ["subjects"] = await Known(db, scope).Where(s => s.TierId != null).GroupBy(s => s.OwningUnitId).Select(g => new { g.Key, Count = (long)g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct),
        };
}
