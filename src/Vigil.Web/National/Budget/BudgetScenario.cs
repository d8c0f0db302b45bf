using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Audit;

namespace Vigil.Web.National;

/// <summary>
/// A budget scenario HQ saves: a financial year, a total to split, the weight of each demand indicator, and the
/// finished month whose year of figures it uses. Its split is the model's (<see cref="BudgetModel"/>) over those kept
/// figures, so reading it again always gives the same pence.
/// </summary>
public sealed class BudgetScenario : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string FinancialYear { get; set; }
    public long TotalPence { get; set; }
    public DateOnly IndicatorsMonth { get; set; }
    public List<BudgetWeight> Weights { get; set; } = [];
    public string Notes { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public string AuditRecordType => "budget-scenario";
    public string AuditRecordId => Id.ToString();

    /// <summary>"2027/28" from 2027: the year before is "2026/27".</summary>
    public static string? PreviousYear(string financialYear) =>
        System.Text.RegularExpressions.Regex.Match(financialYear, @"^([0-9]{4})/([0-9]{2})\z") is { Success: true } m
            ? $"{int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1}/{m.Groups[1].Value[2..]}" : null;

    public static bool IsFinancialYear(string? text) =>
        text is not null && System.Text.RegularExpressions.Regex.Match(text, @"^([0-9]{4})/([0-9]{2})\z") is { Success: true } m
            && (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1) % 100 == int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)
            && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is >= 2000 and <= 2098;
}

public sealed class BudgetWeight
{
    public required string Indicator { get; set; }
    public decimal Weight { get; set; }
}

/// <summary>The split adopted for a past financial year, per unit: what a scenario is compared with.</summary>
public sealed class AdoptedSplit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string FinancialYear { get; set; }
    public Guid UnitId { get; set; }
    public long Pence { get; set; }
}

public sealed record SaveScenario(
    [property: Required(ErrorMessage = "Enter a name for the scenario"), StringLength(200, ErrorMessage = "The name must be 200 characters or fewer")] string? Name,
    [property: Required(ErrorMessage = "Enter the financial year, like 2027/28")] string? FinancialYear,
    decimal? TotalPounds,
    IReadOnlyDictionary<string, decimal>? Weights,
    DateOnly? Month,
    [property: StringLength(2000, ErrorMessage = "The notes must be 2,000 characters or fewer")] string? Notes);

public sealed record ScenarioSummary(Guid Id, string Name, string FinancialYear, long TotalPence, DateOnly IndicatorsMonth, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>One unit's line: its indicators as published (null where suppressed), its share and allocation, and last year's.</summary>
public sealed record ScenarioLine(string Unit, IReadOnlyDictionary<string, long?> Indicators, decimal Share, long Pence, long? LastYearPence, long? ChangePence,
    decimal? ChangePercent, IReadOnlyDictionary<string, decimal> ShareByIndicator);

public sealed record ScenarioDto(Guid Id, string Name, string FinancialYear, long TotalPence, DateOnly IndicatorsMonth, IReadOnlyDictionary<string, decimal> Weights,
    string Notes, string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<ScenarioLine> Lines, IReadOnlyList<Sensitivity> Sensitivity, IReadOnlyList<string> ModelNotes,
    string? LastYear);

public sealed record ComparedLine(string Unit, long APence, long BPence, long DifferencePence);

public sealed record ScenarioComparison(ScenarioDto A, ScenarioDto B, IReadOnlyList<ComparedLine> Lines);

internal sealed class BudgetScenarioConfiguration : IEntityTypeConfiguration<BudgetScenario>
{
    public void Configure(EntityTypeBuilder<BudgetScenario> b)
    {
        b.ToTable("BudgetScenarios");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.FinancialYear).HasMaxLength(7);
        b.Property(s => s.Notes).HasMaxLength(2000);
        b.Property(s => s.CreatedBy).HasMaxLength(200);
        b.HasIndex(s => s.CreatedAt);
        b.OwnsMany(s => s.Weights, w =>
        {
            Platform.Data.OwnedList.Configure(w, "BudgetScenarioWeights", "ScenarioId");
            w.Property(x => x.Indicator).HasMaxLength(40);
            w.Property(x => x.Weight).HasPrecision(9, 3);
        });
    }
}

internal sealed class AdoptedSplitConfiguration : IEntityTypeConfiguration<AdoptedSplit>
{
    public void Configure(EntityTypeBuilder<AdoptedSplit> b)
    {
        b.ToTable("AdoptedSplits");
        b.Property(s => s.FinancialYear).HasMaxLength(7);
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.FinancialYear, s.UnitId }).IsUnique();
    }
}
