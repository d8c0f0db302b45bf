using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Statistics;

namespace Vigil.Web.National;

/// <summary>
/// NCTPHQ's budget allocation advice: scenarios (a total, the weights HQ sets, a finished month's year of demand
/// indicators) saved, read with their split to the penny, each unit's sensitivity to each weight and last year's
/// split beside it, compared side by side and exported. The indicators are the national picture's, as published
/// (small numbers suppressed and entered as nought), so the advice reveals nothing the picture does not. HQ's
/// planning and resources officers save scenarios; they, auditors and administrators read them. All audited.
/// </summary>
public sealed class BudgetAdvice(VigilDb db, AccessContext access, NationalPicture picture, IOrganisationDirectory directory)
{
    public const long MostPence = 1_000_000_000_000;

    public static bool Reads(AccessContext access) => access.UnitId is not null && (access.IsInRole(Roles.HqPlanner) || access.IsInRole(Roles.Auditor) || access.IsInRole(Roles.Administrator));

    public static bool Writes(AccessContext access) => access.UnitId is not null && access.IsInRole(Roles.HqPlanner);

    /// <summary>The weights a new scenario starts from.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> StartingWeights = new Dictionary<string, decimal>
    {
        ["caseload"] = 30, ["subjects"] = 20, ["referrals"] = 10, ["act-reports"] = 10, ["crowded-places"] = 10, ["surge-days"] = 5, ["population"] = 15,
    };

    public async Task<WorkResult<IReadOnlyList<ScenarioSummary>>> ListAsync(CancellationToken ct)
    {
        if (!Reads(access))
        {
            return await RefuseAsync<IReadOnlyList<ScenarioSummary>>("Budget scenarios are for NCTPHQ's planning and resources officers, auditors and administrators", ct);
        }
        var list = await db.Set<BudgetScenario>().AsNoTracking().OrderByDescending(s => s.CreatedAt).Take(200)
            .Select(s => new ScenarioSummary(s.Id, s.Name, s.FinancialYear, s.TotalPence, s.IndicatorsMonth, s.CreatedBy, s.CreatedAt)).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "budget-scenario", detail: $"the list of scenarios ({list.Count})");
        await db.SaveChangesAsync(ct);
        return WorkResult<IReadOnlyList<ScenarioSummary>>.Ok(list);
    }

    public async Task<WorkResult<ScenarioDto>> SaveAsync(SaveScenario request, CancellationToken ct)
    {
        if (!Writes(access))
        {
            return await RefuseAsync<ScenarioDto>("Budget scenarios are saved by NCTPHQ's planning and resources officers", ct);
        }
        var errors = ApiValidation.Validate(request);
        if (request.FinancialYear is { } year && !BudgetScenario.IsFinancialYear(year))
        {
            ApiValidation.Add(errors, nameof(request.FinancialYear), "Enter the financial year as its first year and the next one's last two digits, like 2027/28");
        }
        if (request.TotalPounds is not { } total)
        {
            ApiValidation.Add(errors, nameof(request.TotalPounds), "Enter the total to split, in pounds");
        }
        else if (total is < 1 or > MostPence / 100)
        {
            ApiValidation.Add(errors, nameof(request.TotalPounds), "Enter a total from £1 to £10,000,000,000");
        }
        else if (decimal.Round(total, 2) != total)
        {
            ApiValidation.Add(errors, nameof(request.TotalPounds), "Enter the total in pounds and pence, with at most two figures after the point");
        }
        var months = await picture.MonthsAsync(ct);
        var month = request.Month ?? months[0];
        if (!months.Contains(month))
        {
            ApiValidation.Add(errors, nameof(request.Month), "Choose a finished month whose figures were kept");
        }
        var weights = request.Weights ?? StartingWeights;
        foreach (var (code, weight) in weights.Where(w => decimal.Round(w.Value, 3) != w.Value))
        {
            ApiValidation.Add(errors, $"Weights[{code}]", "Give a weight with at most three figures after the point");
        }
        if (errors.Count == 0)
        {
            var input = Input(await picture.IndicatorsAsync(month, ct), (long)(request.TotalPounds!.Value * 100), weights);
            foreach (var (field, message) in BudgetModel.Problems(input))
            {
                ApiValidation.Add(errors, field == "Total" ? nameof(request.TotalPounds) : field, message);
            }
        }
        if (errors.Count > 0)
        {
            return WorkResult<ScenarioDto>.Invalid(errors);
        }
        var scenario = new BudgetScenario
        {
            Name = request.Name!.Trim(), FinancialYear = request.FinancialYear!.Trim(), TotalPence = (long)(request.TotalPounds!.Value * 100), IndicatorsMonth = month,
            Weights = [.. BudgetModel.Indicators.Select(i => new BudgetWeight { Indicator = i.Code, Weight = weights.GetValueOrDefault(i.Code) })],
            Notes = request.Notes?.Trim() ?? "", CreatedBy = access.DisplayName ?? access.UserName ?? "", CreatedAt = AuditChain.Normalise(db.Clock.GetUtcNow()),
        };
        db.Add(scenario);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "budget-scenario", scenario.Id.ToString(),
            detail: $"{scenario.Name}: {BudgetModel.Pounds(scenario.TotalPence)} for {scenario.FinancialYear}; weights {string.Join(", ", scenario.Weights.Select(w => $"{w.Indicator} {w.Weight}"))}");
        await db.SaveChangesAsync(ct);
        return WorkResult<ScenarioDto>.Ok(await DtoAsync(scenario, ct));
    }

    /// <summary>A scenario with its split, sensitivity and last year's split; null (as if missing) for anyone who may not read scenarios.</summary>
    public async Task<ScenarioDto?> ReadAsync(Guid id, CancellationToken ct)
    {
        var scenario = Reads(access) ? await db.Set<BudgetScenario>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) : null;
        if (scenario is null)
        {
            await db.RecordMissAsync<BudgetScenario>(s => s.Id == id, "budget-scenario", id.ToString(), ct: ct);
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "budget-scenario", id.ToString());
        await db.SaveChangesAsync(ct);
        return await DtoAsync(scenario, ct);
    }

    public async Task<ScenarioComparison?> CompareAsync(Guid a, Guid b, CancellationToken ct)
    {
        if (await ReadAsync(a, ct) is not { } first || await ReadAsync(b, ct) is not { } second)
        {
            return null;
        }
        return new ScenarioComparison(first, second, [.. first.Lines.Select(l => (l, second.Lines.FirstOrDefault(x => x.Unit == l.Unit)?.Pence ?? 0))
            .Select(p => new ComparedLine(p.l.Unit, p.l.Pence, p.Item2, p.Item2 - p.l.Pence))]);
    }

    public sealed record Export(byte[] Content, string ContentType, string FileName);

    /// <summary>A scenario as CSV or XLSX: its split with last year's beside it, its sensitivity and its weights (audited as an export).</summary>
    public async Task<WorkResult<Export>> ExportAsync(Guid id, string format, CancellationToken ct)
    {
        var scenario = format is "csv" or "xlsx" && Reads(access) ? await db.Set<BudgetScenario>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) : null;
        if (scenario is null)
        {
            return WorkResult<Export>.Missing();
        }
        var dto = await DtoAsync(scenario, ct);
        db.Audit(AuditActions.Export, AuditOutcomes.Success, "budget-scenario", id.ToString(), detail: format.ToUpperInvariant());
        await db.SaveChangesAsync(ct);
        var names = BudgetModel.Indicators.ToDictionary(i => i.Code, i => i.Name);
        IReadOnlyList<Sheet> sheets =
        [
            new("Split", ["Unit", .. BudgetModel.Indicators.Select(i => i.Name), "Share", "Allocation (GBP)", $"Last year {dto.LastYear} (GBP)", "Change (GBP)", "Change (%)"],
                [.. dto.Lines.Select(l => (IReadOnlyList<object>)[l.Unit, .. BudgetModel.Indicators.Select(i => (object)(l.Indicators[i.Code]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? StatisticsTables.SuppressedMark)),
                    decimal.Round(l.Share, 6), l.Pence / 100m, (object?)(l.LastYearPence / 100m) ?? "", (object?)(l.ChangePence / 100m) ?? "", (object?)l.ChangePercent ?? ""])]),
            new("Sensitivity", ["Indicator", "Unit", "Weight up 10% (GBP)", "Weight down 10% (GBP)"],
                [.. dto.Sensitivity.Select(s => (IReadOnlyList<object>)[names[s.Indicator], s.Unit, s.UpPence / 100m, s.DownPence / 100m])]),
            new("Weights", ["Indicator", "Weight"], [.. BudgetModel.Indicators.Select(i => (IReadOnlyList<object>)[i.Name, dto.Weights.GetValueOrDefault(i.Code)])]),
        ];
        var stem = $"budget-scenario-{scenario.FinancialYear.Replace('/', '-')}-{scenario.Id.ToString()[..8]}";
        return format == "csv"
            ? WorkResult<Export>.Ok(new Export(System.Text.Encoding.UTF8.GetBytes(Sheets.Csv(sheets)), "text/csv; charset=utf-8", stem + ".csv"))
            : WorkResult<Export>.Ok(new Export(await Sheets.XlsxAsync(sheets, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem + ".xlsx"));
    }

    private static BudgetInput Input(IReadOnlyList<(UnitOrAgency Unit, IReadOnlyDictionary<string, long?> Published)> indicators, long totalPence,
        IReadOnlyDictionary<string, decimal> weights) =>
        new(totalPence, weights, [.. indicators.Select(p => new UnitDemand(p.Unit.Name, p.Published.ToDictionary(x => x.Key, x => (decimal)(x.Value ?? 0))))]);

    private async Task<ScenarioDto> DtoAsync(BudgetScenario scenario, CancellationToken ct)
    {
        var weights = scenario.Weights.ToDictionary(w => w.Indicator, w => w.Weight);
        var indicators = await picture.IndicatorsAsync(scenario.IndicatorsMonth, ct);
        var input = Input(indicators, scenario.TotalPence, weights);
        var split = BudgetModel.Split(input);
        var lastYear = BudgetScenario.PreviousYear(scenario.FinancialYear);
        var units = await directory.UnitsAsync(ct);
        var adopted = await db.Set<AdoptedSplit>().AsNoTracking().Where(s => s.FinancialYear == lastYear).ToListAsync(ct);
        var last = adopted.ToDictionary(s => units.FirstOrDefault(u => u.Id == s.UnitId)?.Name ?? "", s => s.Pence);
        var compared = BudgetModel.CompareWith(split, last);
        var lines = split.Units.Select(u =>
        {
            var c = compared.First(x => x.Unit == u.Unit);
            return new ScenarioLine(u.Unit, indicators.First(i => i.Unit.Name == u.Unit).Published, u.Share, u.Pence, c.LastYearPence, c.ChangePence, c.ChangePercent, u.ShareByIndicator);
        }).ToList();
        return new ScenarioDto(scenario.Id, scenario.Name, scenario.FinancialYear, scenario.TotalPence, scenario.IndicatorsMonth, weights, scenario.Notes, scenario.CreatedBy,
            scenario.CreatedAt, lines, BudgetModel.SensitivityOf(input), split.Notes, adopted.Count > 0 ? lastYear : null);
    }

    private async Task<WorkResult<T>> RefuseAsync<T>(string message, CancellationToken ct)
    {
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "budget-scenario", detail: message);
        await db.SaveChangesAsync(ct);
        return WorkResult<T>.Forbidden(message);
    }
}
