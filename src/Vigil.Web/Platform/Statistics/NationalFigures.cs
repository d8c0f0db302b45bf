using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Statistics;

/// <summary>One row of a module's counts: a label and how many.</summary>
public sealed record FigureCount(string Label, long Count);

/// <summary>A module's counts for one table of the national picture. The rows are mutually exclusive and sum to the
/// total unless <see cref="Total"/> says otherwise (a table of separate measures, like "overdue work").</summary>
public sealed record FigureTable(string Key, string Title, string Dimension, IReadOnlyList<FigureCount> Rows, bool Separate = false);

/// <summary>
/// What a module is asked to count. <see cref="National"/>: the whole network through the one documented bypass of
/// the record filter, for the finished period [<see cref="From"/>, <see cref="Until"/>) and stocks as they stood at
/// <see cref="Until"/>; only counts leave the query. Otherwise: the reader's own unit, live, through the record filter,
/// so that nothing the reader may not see is counted.
/// </summary>
public sealed record FiguresScope(bool National, Guid? UnitId, DateTimeOffset From, DateTimeOffset Until, IReadOnlyList<UnitOrAgency> Units)
{
    /// <summary>The records a count may cover in this scope.</summary>
    public IQueryable<T> Records<T>(VigilDb db) where T : class, IProtectedRecord
    {
        var unit = UnitId;
        return National ? db.Set<T>().IgnoreQueryFilters().AsNoTracking() : db.Set<T>().AsNoTracking().Where(r => r.OwningUnitId == unit);
    }

    public DateOnly UntilDay => DateOnly.FromDateTime(Until.UtcDateTime);

    /// <summary>The units a by-unit table lists (<see cref="Units"/> holds the regional units): every one for the
    /// network, the reader's own otherwise.</summary>
    public IEnumerable<UnitOrAgency> UnitRows => Units.Where(u => National || u.Id == UnitId).OrderBy(u => u.Name, StringComparer.Ordinal);
}

/// <summary>
/// A module's part of the national picture: its tables for the dashboards, and its demand indicators per unit for the
/// budget allocation model. Modules implement it; the National module puts the picture together under the aggregate
/// rule (docs/security-model.md).
/// </summary>
public interface INationalFigures
{
    /// <summary>Where the module's tables stand on the dashboard.</summary>
    int Order { get; }

    Task<IReadOnlyList<FigureTable>> TablesAsync(VigilDb db, FiguresScope scope, CancellationToken ct);

    /// <summary>The module's demand indicators (by the budget model's codes) for each unit over the network, for the
    /// year ending at <see cref="FiguresScope.Until"/> (stocks as they stood then). Only called for the network.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, long>>> IndicatorsAsync(VigilDb db, FiguresScope scope, CancellationToken ct);
}
