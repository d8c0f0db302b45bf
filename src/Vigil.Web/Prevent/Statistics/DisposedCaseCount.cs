using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>
/// A Prevent case disposed of at a retention review, as the statistics go on counting it in the year it was
/// referred: only what the tables count, coarsened to what they print (the statistical year, not the day; the age
/// group, not the age), with its unit and label so a unit's own figures count it as they did. Nothing links it to
/// the case (its id is its own), so it says nothing of the person.
/// </summary>
public sealed class DisposedCaseCount
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The statistical year of the first referral (2017 for 2017/18).</summary>
    public int Year { get; set; }
    public ReferrerSector Sector { get; set; }
    public required string ConcernScheme { get; set; }
    public required string ConcernCode { get; set; }
    /// <summary>Index into <see cref="PreventStatistics.AgeGroups"/>.</summary>
    public int AgeGroup { get; set; }
    public Gender Gender { get; set; }
    public Guid OwningUnitId { get; set; }
    public Guid AccessLabelId { get; set; }
    public GatewayOutcome? GatewayOutcome { get; set; }
    public bool Adopted { get; set; }
    public bool LeftChannel { get; set; }

    public static DisposedCaseCount Of(PreventCase c) => new()
    {
        Year = PreventStatistics.StatisticalYearOf(c.ReferredAt), Sector = c.Sector, ConcernScheme = c.ConcernScheme, ConcernCode = c.ConcernCode,
        AgeGroup = PreventStatistics.AgeGroup(c.AgeAtReferral), Gender = c.Gender, OwningUnitId = c.OwningUnitId, AccessLabelId = c.AccessLabelId,
        GatewayOutcome = c.GatewayOutcome, Adopted = c.AdoptedAt is not null, LeftChannel = c.AdoptedAt is not null && (c.ExitedOn is not null || c.Closure == CaseClosure.Withdrawn),
    };
}

internal sealed class DisposedCaseCountConfiguration : IEntityTypeConfiguration<DisposedCaseCount>
{
    public void Configure(EntityTypeBuilder<DisposedCaseCount> b)
    {
        b.ToTable("PreventDisposedCaseCounts");
        b.Property(c => c.Sector).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.ConcernScheme).HasMaxLength(16);
        b.Property(c => c.ConcernCode).HasMaxLength(64);
        b.Property(c => c.Gender).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.GatewayOutcome).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(c => new { c.Year, c.OwningUnitId });
    }
}
