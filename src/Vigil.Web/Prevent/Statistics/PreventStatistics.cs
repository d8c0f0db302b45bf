using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Statistics;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>The Prevent statistics for one statistical year (1 April to 31 March), as the Home Office
/// release "Individuals referred to and supported through the Prevent Programme" tabulates them. Aggregate
/// counts only: no reference, name or other detail of any person.</summary>
public sealed record StatisticsReport(int Year, string Period, DateOnly From, DateOnly To, StatisticsScope Scope, string Covers, bool Suppression, int? Total, IReadOnlyList<StatisticsTable> Tables)
{
    public bool HasReferrals => Total is not 0;

    /// <summary>"prevent-statistics-2017-18" (the network) or "prevent-statistics-2017-18-north-west" (a unit):
    /// the download's file name without its extension.</summary>
    public string FileStem => $"prevent-statistics-{Year}-{(Year + 1) % 100:00}{(Scope == StatisticsScope.Unit ? "-" + Slug(Covers) : "")}";

    private static string Slug(string name) => string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');
}

/// <summary>What a report counts: the reader's own unit's cases (those they may see), or every case in the
/// network (finished years only, always with small-number suppression).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StatisticsScope>))]
public enum StatisticsScope
{
    Unit,
    National,
}

/// <summary>
/// The official Prevent statistics: referrals in a statistical year (cases whose first referral was
/// received from 1 April of <c>year</c> to 31 March of the next, UTC) counted by referring sector, type of
/// concern, age group at referral, gender, region (the owning regional unit) and outcome stage.
/// <para>
/// Two scopes, so that no aggregate tells a reader about another unit's work as it happens (the rule for
/// every count, facet and chart in Vigil: docs/security-model.md):
/// <list type="bullet">
/// <item><see cref="StatisticsScope.Unit"/>: the reader's own unit's cases that they may see, through the
/// record filter, any year including the current one; for the unit's Prevent officers, who work those
/// cases. Live figures never cover another unit, so two snapshots a few minutes apart say nothing of a
/// referral elsewhere.</item>
/// <item><see cref="StatisticsScope.National"/>: every Prevent case in the network, for finished statistical
/// years only, always with small-number suppression: the figures the Home Office would publish. This is a
/// deliberate and documented bypass of the record filter (<c>IgnoreQueryFilters</c>): only counts grouped
/// in the database leave the query; no reference, name, date of birth or free text is read.</item>
/// </list>
/// Every report and every export is audited ("prevent-statistics", with the year and scope). The counts are read on
/// the read replica when there is one (<see cref="ReadReplica"/>); the audit entry is written on the primary.
/// </para>
/// <para>
/// Percentages are of the year's referrals, as whole numbers rounded half away from zero, as the release
/// prints them (so a table's percentages may not add up to exactly 100).
/// </para>
/// <para>
/// Small-number suppression, for publishing (<c>suppress</c> true, always for the network):
/// <list type="number">
/// <item>Primary: any count from 1 to 4 is shown as "*", count and percentage alike. Zeros are shown as 0.</item>
/// <item>Secondary: if a table then has exactly one suppressed cell among its mutually exclusive rows, the
/// smallest non-zero cell left (the first in table order on a tie) is suppressed too, so that the hidden
/// one cannot be worked out by taking the others from the total.</item>
/// <item>"Of which" rows (adopted, left Channel) are parts of a row, not of the total: they take primary
/// suppression only, and do not count towards the secondary rule.</item>
/// <item>The total is shown, unless it is itself from 1 to 4 (then every cell of every table is
/// suppressed, and so is the total).</item>
/// </list>
/// </para>
/// </summary>
public sealed class PreventStatistics(VigilDb db, ReadReplica replica, AccessContext access)
{
    /// <summary>Who may read the statistics: aggregate figures only, so more roles than work the cases.</summary>
    public const string ReaderRoles = Roles.PreventOfficer + "," + Roles.Analyst + "," + Roles.OperationsCoordinator + "," + Roles.Auditor + "," + Roles.Administrator;

    public static readonly string[] Readers = ReaderRoles.Split(',');

    public const string SuppressedMark = StatisticsTables.SuppressedMark;

    /// <summary>Counts from 1 to this are suppressed.</summary>
    public const int SuppressBelowOrAt = StatisticsTables.SuppressBelowOrAt;

    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public const string NotKnown = "Not known";

    public static readonly IReadOnlyList<string> AgeGroups = ["Under 15", "15 to 20", "21 to 30", "31 to 40", "41 to 50", "Over 50", NotKnown];

    public const string NoFurtherAction = "No further action";
    public const string Signposted = "Signposted to other services";
    public const string Discussed = "Discussed at a Channel panel";
    public const string AtGateway = "Still at the gateway or withdrawn before it";
    public const string Adopted = "Adopted as a Channel case";
    public const string LeftChannel = "Left Channel";
    public const string TotalLabel = StatisticsTables.TotalLabel;
    public const string NetworkName = "the whole network";

    /// <summary>The statistical year an instant falls in: 2017 for 1 April 2017 to 31 March 2018 (UTC).</summary>
    public static int StatisticalYearOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return utc.Month >= 4 ? utc.Year : utc.Year - 1;
    }

    /// <summary>"2017/18".</summary>
    public static string PeriodOf(int year) => $"{year}/{(year + 1) % 100:00}";

    public static bool IsValidYear(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>The statistical year today is in.</summary>
    public int CurrentYear => StatisticalYearOf(db.Clock.GetUtcNow());

    /// <summary>Prevent officers of a unit see their own unit's figures, the current year's included.
    /// Everyone else (analysts, the operations centre, auditors, administrators) sees the network's
    /// finished years only, suppressed.</summary>
    public bool SeesLiveFigures => access.IsInRole(Roles.PreventOfficer) && access.UnitId is not null;

    public StatisticsScope DefaultScope => SeesLiveFigures ? StatisticsScope.Unit : StatisticsScope.National;

    public int DefaultYear(StatisticsScope scope) => scope == StatisticsScope.Unit ? CurrentYear : CurrentYear - 1;

    /// <summary>Why this reader may not have this year's figures in this scope, or null when they may.</summary>
    public string? YearRefusal(int year, StatisticsScope scope) =>
        !IsValidYear(year) ? $"Give the first calendar year of the statistical year, from {FirstYear} to {LastYear} (2017 for 2017/18)"
        : !Enum.IsDefined(scope) ? "Choose your unit or the whole network"
        : scope == StatisticsScope.Unit && !SeesLiveFigures ? "A unit's figures are for its Prevent officers: choose the whole network"
        : scope == StatisticsScope.National && year >= CurrentYear ? "Figures for the whole network are for finished statistical years only: choose an earlier year, or your own unit's figures"
        : null;

    private static DateTimeOffset StartOf(int year) => new(year, 4, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The finished statistical years that have at least one referral in the network, latest first
    /// (counts nothing, reveals only that a finished year has data).</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct)
    {
        Guard();
        // Deliberate bypass of the record filter: only the years are read (see the class summary).
        var all = replica.Reads.Set<PreventCase>().IgnoreQueryFilters().AsNoTracking();
        var first = await all.MinAsync(c => (DateTimeOffset?)c.ReferredAt, ct);
        var last = await all.MaxAsync(c => (DateTimeOffset?)c.ReferredAt, ct);
        // Years whose cases were all disposed of still have their figures.
        var disposed = await replica.Reads.Set<DisposedCaseCount>().Where(d => d.Year < CurrentYear).Select(d => d.Year).Distinct().ToListAsync(ct);
        if (first is null || last is null)
        {
            return [.. disposed.OrderDescending()];
        }
        var years = new List<int>();
        // Finished years only: whether the current year has a referral anywhere in the network yet is
        // itself a live figure (the page offers the current year to those who may see their unit's).
        for (var year = Math.Min(StatisticalYearOf(last.Value), CurrentYear - 1); year >= StatisticalYearOf(first.Value); year--)
        {
            var (from, until) = (StartOf(year), StartOf(year + 1));
            if (await all.AnyAsync(c => c.ReferredAt >= from && c.ReferredAt < until, ct))
            {
                years.Add(year);
            }
        }
        return [.. years.Union(disposed).OrderDescending()];
    }

    /// <summary>The tables for the statistical year starting on 1 April of <paramref name="year"/>; audited as a read.</summary>
    public Task<StatisticsReport> BuildAsync(int year, StatisticsScope scope, bool suppress, CancellationToken ct) => BuildAsync(year, scope, suppress, AuditActions.Read, "tables", ct);

    /// <summary>The tables as CSV (columns Table, Label, Count, Percentage); audited as an export.</summary>
    public async Task<(byte[] Content, string FileName)> CsvAsync(int year, StatisticsScope scope, bool suppress, CancellationToken ct)
    {
        var report = await BuildAsync(year, scope, suppress, AuditActions.Export, "CSV", ct);
        return (System.Text.Encoding.UTF8.GetBytes(Csv(report)), report.FileStem + ".csv");
    }

    /// <summary>The tables as an XLSX workbook, one sheet per table (Label, Count, Percentage); audited as an export.</summary>
    public async Task<(byte[] Content, string FileName)> XlsxAsync(int year, StatisticsScope scope, bool suppress, CancellationToken ct)
    {
        var report = await BuildAsync(year, scope, suppress, AuditActions.Export, "XLSX", ct);
        return (await XlsxAsync(report, ct), report.FileStem + ".xlsx");
    }

    private void Guard()
    {
        // The endpoints and the page already require one of these roles; this keeps the bypass of the
        // record filter from being reached any other way.
        if (!access.IsSystem && !Readers.Any(access.IsInRole))
        {
            throw new InvalidOperationException("The Prevent statistics are for the roles in PreventStatistics.ReaderRoles only.");
        }
    }

    private async Task<StatisticsReport> BuildAsync(int year, StatisticsScope scope, bool suppress, string action, string what, CancellationToken ct)
    {
        Guard();
        if (YearRefusal(year, scope) is { } refusal)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, refusal);
        }
        var national = scope == StatisticsScope.National;
        suppress |= national;
        var (from, until) = (StartOf(year), StartOf(year + 1));

        // The network: a deliberate, documented bypass of the record filter, for finished years only (see the
        // class summary). A unit: through the filter, the reader's own unit's cases only. Either way each
        // query below groups in the database and returns counts only; no personal data leave it.
        var unitId = access.UnitId;
        var reads = replica.Reads;
        var cases = (national ? reads.Set<PreventCase>().IgnoreQueryFilters() : reads.Set<PreventCase>().Where(c => c.OwningUnitId == unitId))
            .AsNoTracking().Where(c => c.ReferredAt >= from && c.ReferredAt < until);
        var bySector = await cases.GroupBy(c => c.Sector).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byConcern = await cases.GroupBy(c => new { c.ConcernScheme, c.ConcernCode }).Select(g => new { g.Key.ConcernScheme, g.Key.ConcernCode, Count = g.Count() }).ToListAsync(ct);
        var byAge = await cases.GroupBy(c => c.AgeAtReferral).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byGender = await cases.GroupBy(c => c.Gender).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byUnit = await cases.GroupBy(c => c.OwningUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byOutcome = await cases
            .GroupBy(c => new { c.GatewayOutcome, Adopted = c.AdoptedAt != null, Exited = c.ExitedOn != null, Withdrawn = c.Closure == CaseClosure.Withdrawn })
            .Select(g => new { g.Key.GatewayOutcome, g.Key.Adopted, g.Key.Exited, g.Key.Withdrawn, Count = g.Count() }).ToListAsync(ct);

        // Cases disposed of at a retention review are counted in the years they were referred (as they were).
        var readable = AccessPolicy.ReadableLabels(reads);
        var gone = await reads.Set<DisposedCaseCount>().AsNoTracking().Where(d => d.Year == year && (national || (d.OwningUnitId == unitId && readable.Contains(d.AccessLabelId))))
            .GroupBy(d => new { d.Sector, d.ConcernScheme, d.ConcernCode, d.AgeGroup, d.Gender, d.OwningUnitId, d.GatewayOutcome, d.Adopted, d.LeftChannel })
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var ages = AgeGroups.Select((_, i) => byAge.Where(a => AgeGroup(a.Key) == i).Sum(a => a.Count) + gone.Where(d => d.Key.AgeGroup == i).Sum(d => d.Count)).ToList();
        var outcomes = byOutcome.Select(o => (o.GatewayOutcome, o.Adopted, Left: o.Adopted && (o.Exited || o.Withdrawn), o.Count))
            .Concat(gone.Select(d => (d.Key.GatewayOutcome, d.Key.Adopted, Left: d.Key.LeftChannel, d.Count))).ToList();
        foreach (var d in gone)
        {
            bySector[d.Key.Sector] = bySector.GetValueOrDefault(d.Key.Sector) + d.Count;
            byGender[d.Key.Gender] = byGender.GetValueOrDefault(d.Key.Gender) + d.Count;
            byUnit[d.Key.OwningUnitId] = byUnit.GetValueOrDefault(d.Key.OwningUnitId) + d.Count;
        }
        var concerns = byConcern.Select(c => (c.ConcernScheme, c.ConcernCode, c.Count)).Concat(gone.Select(d => (d.Key.ConcernScheme, d.Key.ConcernCode, d.Count))).ToList();
        var total = bySector.Values.Sum();

        var schemes = await reads.Set<ConcernScheme>().AsNoTracking().ToListAsync(ct);
        var units = await reads.Set<Network.Unit>().AsNoTracking().Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync(ct);

        var tables = new List<StatisticsTable>
        {
            Table("sector", "Referrals by referring sector", "Referring sector", "Sector", total, suppress,
                Enum.GetValues<ReferrerSector>().Select(s => (PreventNames.Display(s), bySector.GetValueOrDefault(s), false))),
            Table("concern", "Referrals by type of concern", "Type of concern", "Type of concern", total, suppress, ConcernRows(schemes, year, concerns)),
            Table("age", "Referrals by age group at referral", "Age at referral", "Age", total, suppress,
                AgeGroups.Select((label, i) => (label, ages[i], false))),
            Table("gender", "Referrals by gender", "Gender", "Gender", total, suppress,
                new[] { Gender.Male, Gender.Female, Gender.Other, Gender.NotKnown }.Select(g => (GenderLabel(g), byGender.GetValueOrDefault(g), false))),
            Table("region", "Referrals by region", "Region", "Region", total, suppress,
                units.Where(u => national ? u.Kind is Network.UnitKind.Ctu or Network.UnitKind.Ctiu || byUnit.ContainsKey(u.Id) : u.Id == unitId)
                    .OrderBy(u => u.Name, StringComparer.Ordinal).Select(u => (u.Name, byUnit.GetValueOrDefault(u.Id), false))),
            Table("outcome", "Referrals by outcome stage", "Outcome stage", "Outcome", total, suppress,
            [
                (NoFurtherAction, outcomes.Where(o => o.GatewayOutcome == GatewayOutcome.NoFurtherAction).Sum(o => o.Count), false),
                (Signposted, outcomes.Where(o => o.GatewayOutcome == GatewayOutcome.Signposted).Sum(o => o.Count), false),
                (Discussed, outcomes.Where(o => o.GatewayOutcome == GatewayOutcome.ReferredToChannel).Sum(o => o.Count), false),
                (AtGateway, outcomes.Where(o => o.GatewayOutcome == null).Sum(o => o.Count), false),
                (Adopted, outcomes.Where(o => o.Adopted).Sum(o => o.Count), true),
                (LeftChannel, outcomes.Where(o => o.Left).Sum(o => o.Count), true),
            ]),
        };

        var shownTotal = suppress && IsSmall(total) ? (int?)null : total;
        var covers = national ? NetworkName : units.FirstOrDefault(u => u.Id == unitId)?.Name ?? "";
        var report = new StatisticsReport(year, PeriodOf(year), DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(until.UtcDateTime).AddDays(-1),
            scope, covers, suppress, shownTotal, tables);
        db.Audit(action, AuditOutcomes.Success, "prevent-statistics", report.Period,
            detail: $"Prevent statistics {report.Period} ({what}); {(national ? "the whole network" : $"unit {covers}")}; suppression {(suppress ? "on" : "off")}; {total} referrals counted; aggregate counts only");
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>Index into <see cref="AgeGroups"/>.</summary>
    public static int AgeGroup(int? age) => age switch
    {
        null => 6,
        < 15 => 0,
        <= 20 => 1,
        <= 30 => 2,
        <= 40 => 3,
        <= 50 => 4,
        _ => 5,
    };

    public static string GenderLabel(Gender gender) => gender switch
    {
        Gender.Male => "Male",
        Gender.Female => "Female",
        Gender.Other => "Other",
        _ => NotKnown,
    };

    /// <summary>The concern types of the schemes the year's cases used (in the order the schemes took
    /// effect, then each scheme's own order; a code in two schemes is one row, named as the first lists it),
    /// or of the scheme in force at the start of the year when it has none. A code no scheme knows is
    /// counted under the code itself.</summary>
    private static List<(string Label, int Count, bool OfWhich)> ConcernRows(List<ConcernScheme> schemes, int year, List<(string Scheme, string Code, int Count)> counts)
    {
        var used = schemes.Where(s => counts.Any(c => c.Scheme == s.Code)).OrderBy(s => s.EffectiveFrom).ToList();
        if (used.Count == 0)
        {
            var start = new DateOnly(year, 4, 1);
            var inForce = schemes.Where(s => s.EffectiveFrom <= start).OrderByDescending(s => s.EffectiveFrom).FirstOrDefault()
                ?? schemes.OrderBy(s => s.EffectiveFrom).FirstOrDefault();
            used = inForce is null ? [] : [inForce];
        }
        var rows = new List<(string Code, string Label)>();
        foreach (var type in used.SelectMany(s => s.Types.OrderBy(t => t.Order)))
        {
            if (rows.All(r => r.Code != type.Code))
            {
                rows.Add((type.Code, type.Name));
            }
        }
        foreach (var code in counts.Select(c => c.Code).Distinct().Where(code => rows.All(r => r.Code != code)).Order(StringComparer.Ordinal))
        {
            rows.Add((code, code));
        }
        return rows.Select(r => (r.Label, counts.Where(c => c.Code == r.Code).Sum(c => c.Count), false)).ToList();
    }

    private static bool IsSmall(int count) => StatisticsTables.IsSmall(count);

    /// <summary>Percentage of the total as a whole number, rounded half away from zero.</summary>
    public static int PercentageOf(int count, int total) => StatisticsTables.PercentageOf(count, total);

    private static StatisticsTable Table(string key, string title, string dimension, string sheet, int total, bool suppress,
        IEnumerable<(string Label, int Count, bool OfWhich)> cells) => StatisticsTables.Table(key, title, dimension, sheet, total, suppress, cells);

    public static string ExportLabel(StatisticsRow row) => StatisticsTables.ExportLabel(row);

    public static IEnumerable<StatisticsRow> PrintOrder(StatisticsTable table) => StatisticsTables.PrintOrder(table);

    public static string Csv(StatisticsReport report) => StatisticsTables.Csv(report.Tables);

    public static Task<byte[]> XlsxAsync(StatisticsReport report, CancellationToken ct) => StatisticsTables.XlsxAsync(report.Tables, ct);
}

public static class PreventStatisticsEndpoints
{
    /// <summary>The statistics as JSON for the API (token), and as CSV and XLSX downloads for the page
    /// (cookie). Only <see cref="PreventStatistics.ReaderRoles"/>; anyone else gets the 404 of a missing page.
    /// No year means the current statistical year.</summary>
    public static IEndpointRouteBuilder MapPreventStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/prevent/statistics", async Task<Results<Ok<StatisticsReport>, ValidationProblem>> (int? year, StatisticsScope? scope, bool? suppress, PreventStatistics statistics, CancellationToken ct) =>
            {
                var (y, s) = Resolve(year, scope, statistics);
                return YearProblem(y, s, statistics) is { } problem ? problem : TypedResults.Ok(await statistics.BuildAsync(y, s, suppress ?? false, ct));
            })
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(PreventStatistics.Readers)).WithTags("Prevent")
            .WithSummary("The Home Office Prevent tables for a year and scope, suppressed below the threshold where required");
        app.MapGet("/prevent/statistics.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> (int? year, StatisticsScope? scope, bool? suppress, PreventStatistics statistics, CancellationToken ct) =>
            {
                var (y, s) = Resolve(year, scope, statistics);
                if (YearProblem(y, s, statistics) is { } problem)
                {
                    return problem;
                }
                var (content, name) = await statistics.CsvAsync(y, s, suppress ?? false, ct);
                return TypedResults.File(content, "text/csv; charset=utf-8", name);
            })
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(PreventStatistics.Readers)).ExcludeFromDescription();
        app.MapGet("/prevent/statistics.xlsx", async Task<Results<FileContentHttpResult, ValidationProblem>> (int? year, StatisticsScope? scope, bool? suppress, PreventStatistics statistics, CancellationToken ct) =>
            {
                var (y, s) = Resolve(year, scope, statistics);
                if (YearProblem(y, s, statistics) is { } problem)
                {
                    return problem;
                }
                var (content, name) = await statistics.XlsxAsync(y, s, suppress ?? false, ct);
                return TypedResults.File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
            })
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(PreventStatistics.Readers)).ExcludeFromDescription();
        return app;
    }

    /// <summary>No scope means the reader's default (their unit for its Prevent officers, else the network);
    /// no year means the latest that scope allows.</summary>
    private static (int Year, StatisticsScope Scope) Resolve(int? year, StatisticsScope? scope, PreventStatistics statistics)
    {
        var s = scope ?? statistics.DefaultScope;
        return (year ?? statistics.DefaultYear(s), s);
    }

    private static ValidationProblem? YearProblem(int year, StatisticsScope scope, PreventStatistics statistics) =>
        statistics.YearRefusal(year, scope) is { } refusal ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [refusal] }) : null;
}
