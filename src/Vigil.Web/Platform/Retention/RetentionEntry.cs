using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Retention;

/// <summary>Where a record's retention review period runs from: the date and the event that set it ("last
/// changed", "the case was closed"). The period itself is the retention policy's, chosen by record type.</summary>
public sealed record RetentionClock(DateOnly From, string Event);

/// <summary>
/// A protected record that holds personal data and is reviewed for retention under MoPI (a subject, an
/// intelligence report, an ACT report, a Prevent case, an investigation). It says when its review period
/// starts, from its own events, or null while it is not yet reviewable (a live investigation, an open case).
/// <see cref="Data.VigilDb"/> keeps its <see cref="RetentionEntry"/> in the save that changes it.
/// </summary>
public interface IRetained : IProtectedRecord
{
    /// <summary>The record type as the retention policy and the audit log name it ("subject").</summary>
    string RetentionType { get; }
    RetentionClock? RetentionClock();
}

/// <summary>
/// One row per reviewable record: its type, unit, label and where its review period runs from, and, once a
/// reviewer has retained it, the date of its next review. No personal data: the review queue shows the title
/// from the record's search entry, through the same label. Written in every save of the record, in its
/// transaction, so a queue never shows a record that is gone nor misses one that became reviewable.
/// </summary>
public sealed class RetentionEntry
{
    public long Id { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public Guid UnitId { get; set; }
    public Guid AccessLabelId { get; set; }
    public Classification Classification { get; set; }
    public DateOnly From { get; set; }
    public required string Event { get; set; }
    /// <summary>Set by a review that retained the record: it is next due on this date, whatever its clock says.</summary>
    public DateOnly? NextReview { get; set; }

    public void Fill(IRetained record, RetentionClock clock)
    {
        UnitId = record.OwningUnitId;
        AccessLabelId = record.AccessLabelId;
        Classification = record.Classification;
        (From, Event) = (clock.From, clock.Event);
    }
}

internal sealed class RetentionEntryConfiguration : IEntityTypeConfiguration<RetentionEntry>
{
    public void Configure(EntityTypeBuilder<RetentionEntry> b)
    {
        b.ToTable("RetentionEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.RecordType).HasMaxLength(64);
        b.Property(e => e.Event).HasMaxLength(200);
        b.Property(e => e.Classification).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(e => new { e.RecordId, e.RecordType }).IsUnique();
        b.HasIndex(e => new { e.UnitId, e.RecordType, e.From });
        b.HasIndex(e => new { e.UnitId, e.NextReview });
    }
}

/// <summary>Keeps <see cref="RetentionEntry"/> rows true inside every save (called by <see cref="Data.VigilDb"/>
/// once labels are assigned): a reviewable record added or changed has its entry written (or removed, when its
/// clock has stopped); a deleted one loses it.</summary>
internal static class RetentionIndexing
{
    public static async Task WriteAsync(DbContext db, IReadOnlyCollection<IRetained> changed, IReadOnlyCollection<IRetained> deleted, CancellationToken ct)
    {
        if (changed.Count == 0 && deleted.Count == 0)
        {
            return;
        }
        var ids = changed.Concat(deleted).Select(r => r.Id).Distinct().ToList();
        var stored = (await db.Set<RetentionEntry>().Where(e => ids.Contains(e.RecordId)).ToListAsync(ct)).ToDictionary(e => (e.RecordType, e.RecordId));
        foreach (var record in deleted)
        {
            if (stored.Remove((record.RetentionType, record.Id), out var gone))
            {
                db.Remove(gone);
            }
        }
        foreach (var record in changed)
        {
            stored.TryGetValue((record.RetentionType, record.Id), out var entry);
            if (record.RetentionClock() is not { } clock)
            {
                if (entry is not null)
                {
                    db.Remove(entry);
                }
                continue;
            }
            if (entry is null)
            {
                entry = new RetentionEntry { RecordType = record.RetentionType, RecordId = record.Id, Event = "" };
                db.Add(entry);
                stored[(record.RetentionType, record.Id)] = entry;
            }
            entry.Fill(record, clock);
        }
    }
}

/// <summary>Builds the retention entries of a database whose records were saved before retention review existed
/// (every save since writes them, and so does the national-scale generator): for each reviewable type with
/// records but no entries, a batch at a time.</summary>
public sealed class RetentionBackfill : Data.ISeed
{
    public string Name => "retention-entries";
    public IReadOnlyList<string> After => [];
    private const int Batch = 1000;

    public async Task SeedAsync(Data.VigilDb db, bool demo, CancellationToken ct)
    {
        foreach (var type in db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(IRetained).IsAssignableFrom(t)).Distinct().ToList())
        {
            await (Task)typeof(RetentionBackfill).GetMethod(nameof(BuildAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [db, ct])!;
        }
    }

    private static async Task BuildAsync<T>(Data.VigilDb db, CancellationToken ct) where T : class, IRetained
    {
        var sample = await db.Set<T>().IgnoreQueryFilters().AsNoTracking().OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (sample is null || await db.Set<RetentionEntry>().AnyAsync(e => e.RecordType == sample.RetentionType, ct))
        {
            return;
        }
        // Every id first (16 bytes each: 16 MB for a million), then the records a batch at a time by id: linear in the
        // records, where paging by offset would read the table again for every batch.
        var ids = await db.Set<T>().IgnoreQueryFilters().Select(r => r.Id).ToListAsync(ct);
        foreach (var batch in ids.Chunk(Batch))
        {
            var records = await db.Set<T>().IgnoreQueryFilters().AsNoTracking().Where(r => batch.Contains(r.Id)).ToListAsync(ct);
            foreach (var record in records)
            {
                if (record.RetentionClock() is { } clock)
                {
                    var entry = new RetentionEntry { RecordType = record.RetentionType, RecordId = record.Id, Event = "" };
                    entry.Fill(record, clock);
                    db.Add(entry);
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
