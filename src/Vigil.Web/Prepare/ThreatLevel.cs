using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Audit;

namespace Vigil.Web.Prepare;

/// <summary>The UK's threat levels, lowest first (their order is what a plan's trigger compares).</summary>
public enum ThreatLevel
{
    Low = 1,
    Moderate = 2,
    Substantial = 3,
    Severe = 4,
    Critical = 5,
}

/// <summary>Which level: the national level (international terrorism and the rest of the UK), or the separate
/// Northern Ireland-related level.</summary>
public enum ThreatLevelScope
{
    National,
    NorthernIreland,
}

/// <summary>The threat levels' published definitions, as reference data.</summary>
public static class ThreatLevels
{
    public sealed record Definition(ThreatLevel Level, string Name, string Meaning);

    public static readonly IReadOnlyList<Definition> Definitions =
    [
        new(ThreatLevel.Low, "LOW", "An attack is highly unlikely"),
        new(ThreatLevel.Moderate, "MODERATE", "An attack is possible but not likely"),
        new(ThreatLevel.Substantial, "SUBSTANTIAL", "An attack is likely"),
        new(ThreatLevel.Severe, "SEVERE", "An attack is highly likely"),
        new(ThreatLevel.Critical, "CRITICAL", "An attack is highly likely in the near future"),
    ];

    public static string Name(ThreatLevel level) => Definitions.First(d => d.Level == level).Name;

    public static string Meaning(ThreatLevel level) => Definitions.First(d => d.Level == level).Meaning;

    public static string ScopeName(ThreatLevelScope scope) => scope == ThreatLevelScope.National
        ? "National threat level" : "Northern Ireland-related threat level";

    /// <summary>The GOV.UK tag colour for a level.</summary>
    public static string Tag(ThreatLevel level) => level switch
    {
        ThreatLevel.Critical => "govuk-tag--red",
        ThreatLevel.Severe => "govuk-tag--orange",
        ThreatLevel.Substantial => "govuk-tag--yellow",
        _ => "govuk-tag--grey",
    };
}

/// <summary>
/// A change of a threat level: the level, when and by whom it was recorded, and the stated basis. Never changed
/// or deleted: the level at any moment is the latest change before it, so the history is the table itself. The
/// level is public knowledge and holds nobody's personal data, so every signed-in user reads it.
/// </summary>
public sealed class ThreatLevelChange : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public ThreatLevelScope Scope { get; set; }
    public ThreatLevel Level { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid? RecordedById { get; set; }
    public string RecordedBy { get; set; } = "";
    public string Basis { get; set; } = "";

    public string AuditRecordType => "threat-level";
    public string AuditRecordId => Id.ToString();
}

internal sealed class ThreatLevelConfiguration : IEntityTypeConfiguration<ThreatLevelChange>
{
    public void Configure(EntityTypeBuilder<ThreatLevelChange> b)
    {
        b.ToTable("ThreatLevelChanges");
        b.Property(c => c.Scope).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Level).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.RecordedBy).HasMaxLength(200);
        b.Property(c => c.Basis).HasMaxLength(2000);
        b.HasIndex(c => new { c.Scope, c.RecordedAt });
    }
}
