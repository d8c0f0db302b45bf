using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Web.National;

/// <summary>
/// The network's figures for one finished month, counted once (the first time anyone asks after the month ends) and
/// kept: a finished period's national figures never change afterwards, so comparing two readings of them shows
/// nothing. The counts are kept as counted; small numbers are suppressed whenever they leave the server.
/// </summary>
public sealed class NationalSnapshot
{
    public DateOnly Month { get; set; }
    public DateTimeOffset TakenAt { get; set; }

    /// <summary>The modules' tables (JSON).</summary>
    public string Tables { get; set; } = "[]";

    /// <summary>The demand indicators per unit for the year to the month's end (JSON: indicator, unit id, value).</summary>
    public string Indicators { get; set; } = "{}";
}

internal sealed class NationalSnapshotConfiguration : IEntityTypeConfiguration<NationalSnapshot>
{
    public void Configure(EntityTypeBuilder<NationalSnapshot> b)
    {
        b.ToTable("NationalSnapshots");
        b.HasKey(s => s.Month);
    }
}
