using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Statistics;

namespace Vigil.Web.Reporting;

/// <summary>ACT's part of the national picture: the period's reports by outcome; the ACT reports indicator (received in
/// the year) for the budget model.</summary>
public sealed class ActFigures : INationalFigures
{
    public int Order => 40;

    public async Task<IReadOnlyList<FigureTable>> TablesAsync(VigilDb db, FiguresScope scope, CancellationToken ct)
    {
        var (from, until) = (scope.From, scope.Until);
        var outcomes = await scope.Records<ActReport>(db).Where(r => r.ReceivedAt >= from && r.ReceivedAt < until).GroupBy(r => r.Outcome)
            .Select(g => new { g.Key, Count = (long)g.Count() }).ToListAsync(ct);
        return
        [
            new("act-outcome", "ACT reports in the period, by outcome", "Outcome",
                [.. Enum.GetValues<ActOutcome>().Select(o => new FigureCount(ActReferenceData.OutcomeName(o), outcomes.Where(x => x.Key == o).Sum(x => x.Count)))
                    .Append(new FigureCount("Not yet triaged", outcomes.Where(x => x.Key == null).Sum(x => x.Count)))]),
        ];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, long>>> IndicatorsAsync(VigilDb db, FiguresScope scope, CancellationToken ct)
    {
        var (from, until) = (scope.Until.AddYears(-1), scope.Until);
        return new Dictionary<string, IReadOnlyDictionary<Guid, long>>
        {
            ["act-reports"] = await scope.Records<ActReport>(db).Where(r => r.ReceivedAt >= from && r.ReceivedAt < until).GroupBy(r => r.OwningUnitId)
                .Select(g => new { g.Key, Count = (long)g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct),
        };
    }
}
