using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Web.Reporting;

/// <summary>
/// An ACT report disposed of at a retention review, as the statistics go on counting it in the week it arrived:
/// when it arrived and was triaged, what kind of thing was seen, its unit (and label, so a unit's own figures count
/// it as they did) and its outcome. Nothing links it to the report (its id is its own), and nothing the reporter said
/// is kept.
/// </summary>
public sealed class DisposedReportCount
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? TriagedAt { get; set; }
    public required string Behaviour { get; set; }
    public Guid OwningUnitId { get; set; }
    public Guid AccessLabelId { get; set; }
    public ActOutcome? Outcome { get; set; }

    public static DisposedReportCount Of(ActReport r) => new()
    {
        ReceivedAt = r.ReceivedAt, TriagedAt = r.TriagedAt, Behaviour = r.Behaviour, OwningUnitId = r.OwningUnitId, AccessLabelId = r.AccessLabelId, Outcome = r.Outcome,
    };
}

internal sealed class DisposedReportCountConfiguration : IEntityTypeConfiguration<DisposedReportCount>
{
    public void Configure(EntityTypeBuilder<DisposedReportCount> b)
    {
        b.ToTable("ActDisposedReportCounts");
        b.Property(c => c.Behaviour).HasMaxLength(64);
        b.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(c => new { c.ReceivedAt, c.OwningUnitId });
    }
}
