using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Subjects.Deconfliction;

/// <summary>How deconfliction answers and how much it may be asked, from configuration
/// (<c>Vigil:Deconfliction</c>). The defaults are the ones the security model documents.</summary>
public sealed class DeconflictionOptions
{
    public const string Section = "Vigil:Deconfliction";

    /// <summary>A match at least this strong is "strong"; anything weaker the matcher still returns is
    /// "possible". A record the asker may not see is described by this band only, never by its score.</summary>
    public double StrongFrom { get; set; } = 0.95;

    /// <summary>Interactive checks a user may run in <see cref="Window"/>; beyond that 429 until the oldest
    /// leaves the window. Bulk matching is for the command line's match verbs.</summary>
    public int ChecksPerWindow { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Checks by one user that hit the same hidden record within <see cref="ProbeWindow"/> before
    /// its holders are told, once, of a possible probe.</summary>
    public int ProbeHits { get; set; } = 5;

    public TimeSpan ProbeWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>One check a user ran, kept so that the throttle and probe detection can count (the audit
/// log holds the full record of it).</summary>
public sealed class CheckLogEntry
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Purpose { get; set; }
    /// <summary>The reference the officer quotes ("DC-7K3MQ-9TX4B"): drawn at random, not from the id, whose
    /// leading part is a timestamp, so that one reference tells nothing of another.</summary>
    public required string Reference { get; set; }

    // Ten characters of Crockford's base 32 are 50 bits: a clash (refused by the unique index) is not to be expected.
    public static string NewReference()
    {
        var code = Crockford.Draw(10);
        return $"DC-{code[..5]}-{code[5..]}";
    }
}

/// <summary>A check's hit on a record its asker could not see: one per check and record, however many
/// of the asked attributes matched it.</summary>
public sealed class MaskedHitEntry
{
    public long Id { get; set; }
    public Guid CheckId { get; set; }
    public Guid UserId { get; set; }
    public Guid SubjectId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>This hit is the one that told the record's holders of a possible probe.</summary>
    public bool ProbeReported { get; set; }
}

internal sealed class CheckLogConfiguration : IEntityTypeConfiguration<CheckLogEntry>, IEntityTypeConfiguration<MaskedHitEntry>
{
    public void Configure(EntityTypeBuilder<CheckLogEntry> b)
    {
        b.ToTable("DeconflictionChecks");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Purpose).HasMaxLength(1000);
        b.Property(c => c.Reference).HasMaxLength(16);
        b.HasIndex(c => c.Reference).IsUnique();
        b.HasIndex(c => new { c.UserId, c.At });
    }

    public void Configure(EntityTypeBuilder<MaskedHitEntry> b)
    {
        b.ToTable("DeconflictionMaskedHits");
        b.HasIndex(h => new { h.UserId, h.SubjectId, h.At });
        b.HasIndex(h => h.CheckId);
    }
}
