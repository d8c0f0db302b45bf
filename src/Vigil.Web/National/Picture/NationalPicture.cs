using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Statistics;

namespace Vigil.Web.National;

public enum PictureScope { Unit, Network }

public sealed record PictureDto(PictureScope Scope, string Covers, DateOnly From, DateOnly To, bool Suppressed, DateTimeOffset? CountedAt,
    IReadOnlyList<StatisticsTable> Tables, IReadOnlyList<DateOnly> Months, DateOnly? Month, bool MayReadNetwork, bool MayReadUnit);

/// <summary>
/// The national picture for NCTPHQ and the operations centre, under the aggregate rule (docs/security-model.md): a
/// reader's own unit live, through the record filter; the whole network only for a finished month, counted once and
/// kept (<see cref="NationalSnapshot"/>), always with small numbers suppressed. The modules count their own records
/// (<see cref="INationalFigures"/>); no name, reference or personal field leaves their queries. Every reading and
/// export is audited. The modules count on the read replica when there is one (<see cref="ReadReplica"/>); the audit
/// entries and the kept snapshots are written on the primary, in this request's unit of work.
/// </summary>
public sealed class NationalPicture(VigilDb db, ReadReplica replica, AccessContext access, IOrganisationDirectory directory, IEnumerable<INationalFigures> modules)
{
    public static readonly string[] NetworkReaders = [Roles.OperationsCoordinator, Roles.NationalDutyOfficer, Roles.Analyst, Roles.Auditor, Roles.Administrator, Roles.HqPlanner];

    public static bool ReadsNetwork(AccessContext access) => access.UnitId is not null && access.PartnerAgencyId is null && NetworkReaders.Any(access.IsInRole);

    public static bool ReadsUnit(AccessContext access) => access.UnitId is not null && access.PartnerAgencyId is null;

    public static bool Reads(AccessContext access) => ReadsNetwork(access) || ReadsUnit(access);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<WorkResult<PictureDto>> ForAsync(PictureScope? scope, DateOnly? month, CancellationToken ct) => BuildAsync(scope, month, AuditActions.Read, "dashboard", ct);

    private async Task<WorkResult<PictureDto>> BuildAsync(PictureScope? asked, DateOnly? month, string action, string what, CancellationToken ct)
    {
        var scope = asked ?? (ReadsNetwork(access) ? PictureScope.Network : PictureScope.Unit);
        if (!Enum.IsDefined(scope))
        {
            return WorkResult<PictureDto>.Invalid("scope", "Choose Unit or Network");
        }
        if (scope == PictureScope.Network ? !ReadsNetwork(access) : !ReadsUnit(access))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "national-picture", detail: $"the {scope} picture refused by role");
            await db.SaveChangesAsync(ct);
            return WorkResult<PictureDto>.Forbidden(scope == PictureScope.Network
                ? "The network's picture is for the operations centre, NCTPHQ, analysts, auditors and administrators"
                : "The picture of a unit is for its own officers");
        }
        var now = db.Clock.GetUtcNow();
        var months = await MonthsAsync(ct);
        var units = await RegionalUnitsAsync(ct);
        List<FigureTable> raw;
        DateOnly from, to;
        DateTimeOffset? countedAt = null;
        string covers;
        if (scope == PictureScope.Network)
        {
            var chosen = month ?? months[0];
            if (!months.Contains(chosen))
            {
                return WorkResult<PictureDto>.Invalid("month", "Choose a finished month whose figures were kept (the last two years since Vigil began counting)");
            }
            var snapshot = await SnapshotAsync(chosen, ct);
            raw = JsonSerializer.Deserialize<List<FigureTable>>(snapshot.Tables, Json) ?? [];
            (from, to, countedAt, month) = (chosen, chosen.AddMonths(1).AddDays(-1), snapshot.TakenAt, chosen);
            covers = "the whole network";
        }
        else
        {
            from = NationalReferenceData.MonthOf(now);
            to = DateOnly.FromDateTime(now.UtcDateTime);
            var allUnits = await directory.UnitsAsync(ct);
            covers = allUnits.FirstOrDefault(u => u.Id == access.UnitId)?.Name ?? "your unit";
            var figures = new FiguresScope(false, access.UnitId, new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), now,
                [.. units, .. allUnits.Where(u => u.Id == access.UnitId && units.All(r => r.Id != u.Id))]);
            raw = await CountAsync(figures, ct);
            month = null;
        }
        var national = scope == PictureScope.Network;
        var tables = raw.GroupBy(t => t.Key).Select(g => Table(g.First() with { Rows = [.. g.SelectMany(t => t.Rows)] }, national)).ToList();
        db.Audit(action, AuditOutcomes.Success, "national-picture", null,
            detail: $"the national picture ({what}); {covers}; {from:yyyy-MM-dd} to {to:yyyy-MM-dd}; suppression {(national ? "on" : "off")}; aggregate counts only");
        await db.SaveChangesAsync(ct);
        return WorkResult<PictureDto>.Ok(new PictureDto(scope, covers, from, to, national, countedAt, tables, months, month, ReadsNetwork(access), ReadsUnit(access)));
    }

    /// <summary>The finished months a reader may choose, newest first: the one just finished (counted as it ends, by
    /// <see cref="SnapshotKeeper"/>) and those already kept, within two years. A month never counted is not offered:
    /// counting it now would show the network as it stands now.</summary>
    public async Task<IReadOnlyList<DateOnly>> MonthsAsync(CancellationToken ct)
    {
        var finished = NationalReferenceData.FinishedMonths(db.Clock.GetUtcNow());
        var oldest = finished[^1];
        var kept = await db.Set<NationalSnapshot>().AsNoTracking().Where(s => s.Month >= oldest).Select(s => s.Month).ToListAsync(ct);
        return [.. finished.Where(m => m == finished[0] || kept.Contains(m))];
    }

    private static StatisticsTable Table(FigureTable t, bool suppress)
    {
        var cells = t.Rows.Select(r => (r.Label, (int)Math.Min(int.MaxValue, r.Count), false)).ToList();
        var total = t.Separate ? 0 : (int)Math.Min(int.MaxValue, t.Rows.Sum(r => r.Count));
        var sheet = t.Key.Length > 31 ? t.Key[..31] : t.Key;
        return StatisticsTables.Table(t.Key, t.Title, t.Dimension, sheet, total, suppress, cells, t.Separate);
    }

    private async Task<List<FigureTable>> CountAsync(FiguresScope scope, CancellationToken ct)
    {
        var tables = new List<FigureTable>();
        foreach (var module in modules.OrderBy(m => m.Order))
        {
            tables.AddRange(await module.TablesAsync(replica.Reads, scope, ct));
        }
        return tables;
    }

    private async Task<IReadOnlyList<UnitOrAgency>> RegionalUnitsAsync(CancellationToken ct) =>
        [.. (await directory.UnitsAsync(ct)).Where(u => Network.NetworkReferenceData.RegionalUnits.Any(r => r.Code == u.Code))];

    /// <summary>The network's figures for a finished month: counted the first time they are asked for, then kept.</summary>
    internal async Task<NationalSnapshot> SnapshotAsync(DateOnly month, CancellationToken ct)
    {
        if (await db.Set<NationalSnapshot>().AsNoTracking().FirstOrDefaultAsync(s => s.Month == month, ct) is { } kept)
        {
            return kept;
        }
        var until = new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var scope = new FiguresScope(true, null, new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), until, await RegionalUnitsAsync(ct));
        var indicators = new Dictionary<string, IReadOnlyDictionary<Guid, long>>();
        foreach (var module in modules.OrderBy(m => m.Order))
        {
            foreach (var (code, values) in await module.IndicatorsAsync(replica.Reads, scope, ct))
            {
                indicators[code] = values;
            }
        }
        // Kept to the microsecond, as PostgreSQL keeps it, so the first answer and every later one say the same.
        var now = db.Clock.GetUtcNow();
        var snapshot = new NationalSnapshot
        {
            Month = month, TakenAt = now.AddTicks(-(now.Ticks % 10)), Tables = JsonSerializer.Serialize(await CountAsync(scope, ct), Json), Indicators = JsonSerializer.Serialize(indicators, Json),
        };
        db.Add(snapshot);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another reader counted the month at the same moment: theirs is kept, and read.
            db.Entry(snapshot).State = EntityState.Detached;
            return await db.Set<NationalSnapshot>().AsNoTracking().FirstAsync(s => s.Month == month, ct);
        }
        return snapshot;
    }

    /// <summary>The demand indicators per regional unit for the year to a finished month's end, as published: counted
    /// from the kept snapshot, a count from 1 to 4 suppressed (entered as nought), and the population served.</summary>
    internal async Task<IReadOnlyList<(UnitOrAgency Unit, IReadOnlyDictionary<string, long?> Published)>> IndicatorsAsync(DateOnly month, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(month, ct);
        var counted = JsonSerializer.Deserialize<Dictionary<string, Dictionary<Guid, long>>>(snapshot.Indicators, Json) ?? [];
        var units = (await RegionalUnitsAsync(ct)).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        // Each indicator's by-unit figures suppressed as a by-unit table is (a count from 1 to 4, and the next smallest
        // when one alone is hidden), so no suppressed unit can be worked out from the picture's total.
        var published = new Dictionary<string, Dictionary<Guid, long?>>();
        foreach (var indicator in BudgetModel.Indicators.Where(i => i.Code != "population"))
        {
            var counts = units.Select(u => counted.GetValueOrDefault(indicator.Code)?.GetValueOrDefault(u.Id) ?? 0).ToList();
            var table = StatisticsTables.Table(indicator.Code, indicator.Name, "Unit", indicator.Code, (int)Math.Min(int.MaxValue, counts.Sum()), true,
                units.Select((u, i) => (u.Name, (int)Math.Min(int.MaxValue, counts[i]), false)));
            published[indicator.Code] = units.Select((u, i) => (u.Id, Value: table.Rows.First(r => r.Label == u.Name).Suppressed ? (long?)null : counts[i]))
                .ToDictionary(p => p.Id, p => p.Value);
        }
        return [.. units.Select(u => (u, (IReadOnlyDictionary<string, long?>)BudgetModel.Indicators.ToDictionary(i => i.Code,
            i => i.Code == "population" ? NationalReferenceData.PopulationThousands.GetValueOrDefault(u.Code) : published[i.Code][u.Id])))];
    }

    public sealed record Export(byte[] Content, string ContentType, string FileName);

    /// <summary>The picture's tables as CSV or XLSX (audited as an export).</summary>
    public async Task<WorkResult<Export>> ExportAsync(string format, PictureScope? scope, DateOnly? month, CancellationToken ct)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return WorkResult<Export>.Missing();
        }
        var built = await BuildAsync(scope, month, AuditActions.Export, format.ToUpperInvariant(), ct);
        if (built.Value is not { } picture)
        {
            return built.Status == WorkStatus.Invalid ? WorkResult<Export>.Invalid(built.Errors) : WorkResult<Export>.Refused(new Refusal(built.Status, string.Join(" ", built.Messages)));
        }
        var stem = $"national-picture-{(picture.Scope == PictureScope.Network ? "network" : "unit")}-{picture.From:yyyy-MM-dd}-to-{picture.To:yyyy-MM-dd}";
        return format == "csv"
            ? WorkResult<Export>.Ok(new Export(System.Text.Encoding.UTF8.GetBytes(StatisticsTables.Csv(picture.Tables)), "text/csv; charset=utf-8", stem + ".csv"))
            : WorkResult<Export>.Ok(new Export(await StatisticsTables.XlsxAsync(picture.Tables, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem + ".xlsx"));
    }
}
