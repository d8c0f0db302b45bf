using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Statistics;

namespace Vigil.Web.Pursue;

/// <summary>Pursue's part of the national picture: investigations live at the end of the period by unit, phase, threat
/// type and risk; actions overdue then; and the caseload indicator for the budget model.</summary>
public sealed class PursueFigures : INationalFigures
{
    public int Order => 10;

    private static IQueryable<Investigation> Live(VigilDb db, FiguresScope scope)
    {
        var until = scope.Until;
        return scope.Records<Investigation>(db).Where(i => i.OpenedAt < until && (i.ClosedAt == null || i.ClosedAt >= until));
    }

    public async Task<IReadOnlyList<FigureTable>> TablesAsync(VigilDb db, FiguresScope scope, CancellationToken ct)
    {
        var live = await Live(db, scope).Select(i => new { i.OwningUnitId, i.Phase, i.ThreatType, i.Risk }).ToListAsync(ct);
        var threats = await db.Set<PursueReferenceItem>().AsNoTracking().Where(r => r.Kind == PursueReferenceItem.ThreatType).OrderBy(r => r.Name).ToListAsync(ct);
        var ids = Live(db, scope).Select(i => i.Id);
        var day = scope.UntilDay;
        var actions = scope.National ? db.Set<InvestigationAction>().IgnoreQueryFilters() : db.Set<InvestigationAction>();
        var overdue = await actions.AsNoTracking().CountAsync(a => ids.Contains(a.InvestigationId) && a.DueDate != null && a.DueDate < day
            && (a.State == ActionState.Raised || a.State == ActionState.Allocated), ct);
        return
        [
            new("investigations-unit", "Live investigations by unit", "Unit", [.. scope.UnitRows.Select(u => new FigureCount(u.Name, live.Count(i => i.OwningUnitId == u.Id)))]),
            new("investigations-phase", "Live investigations by phase", "Phase",
                [.. Enum.GetValues<Phase>().Where(p => p != Phase.Closed).Select(p => new FigureCount(PhaseName(p), live.Count(i => i.Phase == p)))
                    .Append(new FigureCount("Closed by the time it was counted", live.Count(i => i.Phase == Phase.Closed)))]),
            new("investigations-threat", "Live investigations by threat type", "Threat type",
                [.. threats.Select(t => new FigureCount(t.Name, live.Count(i => i.ThreatType == t.Code))).Append(new FigureCount("Other", live.Count(i => threats.All(t => t.Code != i.ThreatType))))]),
            new("investigations-risk", "Live investigations by risk", "Risk", [.. Enum.GetValues<RiskLevel>().Select(r => new FigureCount(r.ToString(), live.Count(i => i.Risk == r)))]),
            new("overdue", "Overdue work", "Work", [new FigureCount("Investigation actions past their due date", overdue)], Separate: true),
        ];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, long>>> IndicatorsAsync(VigilDb db, FiguresScope scope, CancellationToken ct) =>
        new Dictionary<string, IReadOnlyDictionary<Guid, long>>
        {
            ["caseload"] = await Live(db, scope).GroupBy(i => i.OwningUnitId).Select(g => new { g.Key, Count = (long)g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct),
        };

    private static string PhaseName(Phase phase)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(phase.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
