using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Statistics;

namespace Vigil.Web.Operations;

/// <summary>Surge's part of the national picture: officers deployed in the period by capability (a unit sees its own
/// deployments, out and in); the surge days indicator (officer-days received in the year) for the budget model.</summary>
public sealed class SurgeFigures : INationalFigures
{
    public int Order => 60;

    private static IQueryable<SurgeAllocation> Deployments(VigilDb db, FiguresScope scope, DateOnly from, DateOnly until)
    {
        var unit = scope.UnitId;
        var all = db.Set<SurgeAllocation>().AsNoTracking()
            .Where(a => (a.Status == AllocationStatus.Accepted || a.Status == AllocationStatus.Changed) && a.From < until && a.To >= from);
        return scope.National ? all : all.Where(a => a.GivingUnitId == unit || a.RequestingUnitId == unit);
    }

    public async Task<IReadOnlyList<FigureTable>> TablesAsync(VigilDb db, FiguresScope scope, CancellationToken ct)
    {
        var byCapability = await Deployments(db, scope, DateOnly.FromDateTime(scope.From.UtcDateTime), scope.UntilDay).GroupBy(a => a.Capability)
            .Select(g => new { g.Key, Officers = (long)g.Sum(a => a.Officers) }).ToListAsync(ct);
        return
        [
            new("surge-capability", "Officers deployed in a surge in the period, by capability", "Capability",
                [.. OperationsReferenceData.Capabilities.Select(c => new FigureCount(c.Name, byCapability.Where(b => b.Key == c.Code).Sum(b => b.Officers)))]),
        ];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, long>>> IndicatorsAsync(VigilDb db, FiguresScope scope, CancellationToken ct)
    {
        var (from, until) = (DateOnly.FromDateTime(scope.Until.AddYears(-1).UtcDateTime), scope.UntilDay);
        var lines = await Deployments(db, scope, from, until).Select(a => new { a.RequestingUnitId, a.Officers, a.From, a.To }).ToListAsync(ct);
        // Officer-days inside the year: each deployment's officers for each of its days that fall in it.
        return new Dictionary<string, IReadOnlyDictionary<Guid, long>>
        {
            ["surge-days"] = lines.GroupBy(l => l.RequestingUnitId).ToDictionary(g => g.Key,
                g => g.Sum(l => (long)l.Officers * Math.Max(0, (l.To < until ? l.To : until.AddDays(-1)).DayNumber - (l.From > from ? l.From : from).DayNumber + 1))),
        };
    }
}
