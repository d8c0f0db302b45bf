using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Statistics;

namespace Vigil.Web.Reporting;

public enum ActStatisticsScope { Unit, National }

public sealed record ActStatisticsReport(ActStatisticsScope Scope, string Covers, DateOnly From, DateOnly To, bool Suppressed, int? Total,
    string BecameIntelligence, string TimeToTriage, IReadOnlyList<StatisticsTable> Tables);

/// <summary>
/// ACT's volumes and outcomes, under the aggregate rule every count in Vigil keeps (docs/security-model.md):
/// an ACT triage officer sees their own unit's reports live, through the record filter; the national roles
/// (operations centre, analysts, auditors, administrators) see the whole network for finished weeks only (up to
/// the Monday of this week), always with small numbers suppressed, through a documented bypass of the filter that
/// lets only grouped counts and triage times leave the database. Every reading and export is audited. The counts are
/// read on the read replica when there is one (<see cref="ReadReplica"/>); the audit entry is written on the primary.
/// </summary>
public sealed class ActStatistics(VigilDb db, ReadReplica replica, AccessContext access, IOrganisationDirectory directory)
{
    public static readonly string[] NationalReaders = [Roles.OperationsCoordinator, Roles.Analyst, Roles.Auditor, Roles.Administrator];

    private ActStatisticsScope? ScopeOf() =>
        access.PartnerAgencyId is not null || access.UnitId is null ? null
        : access.IsInRole(Roles.ActTriageOfficer) ? ActStatisticsScope.Unit
        : NationalReaders.Any(access.IsInRole) ? ActStatisticsScope.National : null;

    public Task<WorkResult<ActStatisticsReport>> ForAsync(int? weeks, CancellationToken ct) => BuildAsync(weeks, AuditActions.Read, "tables", ct);

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private async Task<WorkResult<ActStatisticsReport>> BuildAsync(int? weeks, string action, string what, CancellationToken ct)
    {
        if (ScopeOf() is not { } scope)
        {
            return WorkResult<ActStatisticsReport>.Forbidden("The ACT statistics are for ACT triage officers (their unit) and the national roles.");
        }
        if (weeks is < 1 or > 104)
        {
            return WorkResult<ActStatisticsReport>.Invalid("weeks", "Choose from 1 to 104 weeks");
        }
        var count = weeks ?? 12;
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        var national = scope == ActStatisticsScope.National;
        // A unit's figures run to today; the network's stop at the start of this week (finished weeks only).
        var thisWeek = Monday(today);
        var from = thisWeek.AddDays(-7 * (national ? count : count - 1));
        var until = national ? thisWeek : today.AddDays(1);
        var (start, end) = (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(until.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var unitId = access.UnitId;
        var reads = replica.Reads;
        var reports = (national ? reads.Set<ActReport>().IgnoreQueryFilters() : reads.Set<ActReport>().Where(r => r.OwningUnitId == unitId))
            .AsNoTracking().Where(r => r.ReceivedAt >= start && r.ReceivedAt < end);
        var byBehaviour = await reports.GroupBy(r => r.Behaviour).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byUnit = await reports.GroupBy(r => r.OwningUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byOutcome = (await reports.GroupBy(r => r.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.Key, g.Count)).ToList();
        // Arrival instants (to count by week) and triage times: no reference, text or person leaves the query.
        var times = (await reports.Select(r => new { r.ReceivedAt, r.TriagedAt }).ToListAsync(ct)).Select(t => (t.ReceivedAt, t.TriagedAt)).ToList();
        // Reports disposed of at a retention review are counted in the weeks they arrived (as they were).
        var readable = AccessPolicy.ReadableLabels(reads);
        foreach (var gone in await reads.Set<DisposedReportCount>().AsNoTracking()
            .Where(d => d.ReceivedAt >= start && d.ReceivedAt < end && (national || (d.OwningUnitId == unitId && readable.Contains(d.AccessLabelId)))).ToListAsync(ct))
        {
            byBehaviour[gone.Behaviour] = byBehaviour.GetValueOrDefault(gone.Behaviour) + 1;
            byUnit[gone.OwningUnitId] = byUnit.GetValueOrDefault(gone.OwningUnitId) + 1;
            byOutcome.Add((gone.Outcome, 1));
            times.Add((gone.ReceivedAt, gone.TriagedAt));
        }
        var total = times.Count;
        var suppress = national;

        var units = (await directory.UnitsAsync(ct)).Where(u => ActReferenceData.IsQueue(u.Code)).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var weekRows = Enumerable.Range(0, (until.DayNumber - from.DayNumber + 6) / 7).Select(i => from.AddDays(7 * i))
            .Select(w => ($"Week beginning {w.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}",
                times.Count(t => DateOnly.FromDateTime(t.ReceivedAt.UtcDateTime) is var d && d >= w && d < w.AddDays(7)), false));
        var tables = new List<StatisticsTable>
        {
            StatisticsTables.Table("week", "Reports by week", "Week", "Week", total, suppress, weekRows),
            StatisticsTables.Table("behaviour", "Reports by what was seen or heard", "Behaviour", "Behaviour", total, suppress,
                ActReferenceData.Behaviours.Select(b => (b.Name, byBehaviour.GetValueOrDefault(b.Code), false))),
            StatisticsTables.Table("unit", "Reports by unit", "Unit", "Unit", total, suppress,
                units.Where(u => national || u.Id == unitId).Select(u => (u.Name, byUnit.GetValueOrDefault(u.Id), false))),
            StatisticsTables.Table("outcome", "Reports by outcome", "Outcome", "Outcome", total, suppress,
                Enum.GetValues<ActOutcome>().Select(o => (ActReferenceData.OutcomeName(o), byOutcome.Where(x => x.Key == o).Sum(x => x.Count), false))
                    .Append(("Not yet triaged", byOutcome.Where(x => x.Key == null).Sum(x => x.Count), false))),
        };
        var triaged = times.Where(t => t.TriagedAt is not null).Select(t => (t.TriagedAt!.Value - t.ReceivedAt).TotalHours).Order().ToList();
        var intelligence = byOutcome.Where(x => x.Key is ActOutcome.IntelligenceReport or ActOutcome.Investigation).Sum(x => x.Count);
        var small = suppress && (StatisticsTables.IsSmall(triaged.Count) || StatisticsTables.IsSmall(intelligence));
        var share = triaged.Count == 0 ? "None triaged yet" : small ? StatisticsTables.SuppressedMark
            : $"{StatisticsTables.PercentageOf(intelligence, triaged.Count)}% of triaged reports ({intelligence:N0} of {triaged.Count:N0})";
        var median = triaged.Count == 0 ? "None triaged yet" : suppress && StatisticsTables.IsSmall(triaged.Count) ? StatisticsTables.SuppressedMark
            : $"{triaged[triaged.Count / 2].ToString("0.0", CultureInfo.InvariantCulture)} hours (median of {triaged.Count:N0})";
        var covers = national ? "the whole network" : units.FirstOrDefault(u => u.Id == unitId)?.Name ?? "your unit";
        db.Audit(action, AuditOutcomes.Success, "act-statistics", null,
            detail: $"ACT statistics ({what}); {covers}; {from:yyyy-MM-dd} to {until.AddDays(-1):yyyy-MM-dd}; suppression {(suppress ? "on" : "off")}; {total} reports counted; aggregate counts only");
        await db.SaveChangesAsync(ct);
        return WorkResult<ActStatisticsReport>.Ok(new ActStatisticsReport(scope, covers, from, until.AddDays(-1), suppress,
            suppress && StatisticsTables.IsSmall(total) ? null : total, share, median, tables));
    }

    public sealed record Export(byte[] Content, string ContentType, string FileName);

    /// <summary>The tables as CSV or XLSX (audited as an export).</summary>
    public async Task<WorkResult<Export>> ExportAsync(string format, int? weeks, CancellationToken ct)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return WorkResult<Export>.Missing();
        }
        var built = await BuildAsync(weeks, AuditActions.Export, format.ToUpperInvariant(), ct);
        if (built.Value is not { } report)
        {
            return built.Status == WorkStatus.Invalid ? WorkResult<Export>.Invalid(built.Errors) : WorkResult<Export>.Refused(new Refusal(built.Status, string.Join(" ", built.Messages)));
        }
        var stem = $"act-statistics-{report.From:yyyy-MM-dd}-to-{report.To:yyyy-MM-dd}";
        return format == "csv"
            ? WorkResult<Export>.Ok(new Export(System.Text.Encoding.UTF8.GetBytes(StatisticsTables.Csv(report.Tables)), "text/csv; charset=utf-8", stem + ".csv"))
            : WorkResult<Export>.Ok(new Export(await StatisticsTables.XlsxAsync(report.Tables, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem + ".xlsx"));
    }
}
