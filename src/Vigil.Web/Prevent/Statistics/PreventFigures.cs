using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Statistics;

namespace Vigil.Web.Prevent;

/// <summary>Prevent's part of the national picture: the flow of the period's referrals (where they are now), gateway
/// decisions overdue; the referrals indicator (referred in the year) for the budget model.</summary>
public sealed class PreventFigures : INationalFigures
{
    public int Order => 30;

    public async Task<IReadOnlyList<FigureTable>> TablesAsync(VigilDb db, FiguresScope scope, CancellationToken ct)
    {
        var (from, until) = (scope.From, scope.Until);
        var stages = await scope.Records<PreventCase>(db).Where(c => c.ReferredAt >= from && c.ReferredAt < until).GroupBy(c => c.Stage)
            .Select(g => new { g.Key, Count = (long)g.Count() }).ToListAsync(ct);
        var day = scope.UntilDay;
        var overdue = await scope.Records<PreventCase>(db).CountAsync(c => c.ReferredAt < until && c.Stage == PreventStage.Gateway && c.GatewayDue < day, ct);
        return
        [
            new("prevent-flow", "Prevent referrals in the period, by where they are now", "Stage",
                [.. Enum.GetValues<PreventStage>().Select(s => new FigureCount(StageName(s), stages.Where(x => x.Key == s).Sum(x => x.Count)))]),
            new("overdue", "Overdue work", "Work", [new FigureCount("Prevent gateway decisions past due", overdue)], Separate: true),
        ];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, long>>> IndicatorsAsync(VigilDb db, FiguresScope scope, CancellationToken ct)
    {
        var (from, until) = (scope.Until.AddYears(-1), scope.Until);
        return new Dictionary<string, IReadOnlyDictionary<Guid, long>>
        {
            ["referrals"] = await scope.Records<PreventCase>(db).Where(c => c.ReferredAt >= from && c.ReferredAt < until).GroupBy(c => c.OwningUnitId)
                .Select(g => new { g.Key, Count = (long)g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct),
        };
    }

    private static string StageName(PreventStage stage) => stage switch
    {
        PreventStage.Gateway => "At the gateway",
        PreventStage.Panel => "At the Channel panel",
        PreventStage.Support => "Receiving Channel support",
        PreventStage.Exited => "Exited Channel (under review)",
        _ => "Closed",
    };
}
