using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Web.Platform.Data;

public enum RecordChangeKind
{
    Saved,
    Deleted,
}

/// <summary>A protected record that a committed save created, changed or deleted, with its place in the
/// change sequence.</summary>
public sealed record RecordChange(Type RecordType, Guid Id, RecordChangeKind Kind, long Sequence);

/// <summary>
/// The durable change sequence: one row for every protected record a save touched, written in the same
/// transaction as the change. Numbers are taken under the audit chain's write lock, which is held until
/// commit, so they are in commit order: a reader that has applied everything up to N and then reads what
/// is above N never skips a change, whichever process or node wrote it. In-memory views of the data (the
/// matching index) follow it from the last number they applied.
/// </summary>
public sealed class RecordChangeEntry
{
    public long Sequence { get; set; }
    /// <summary>The record's type name, e.g. "Subject".</summary>
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public DateTimeOffset At { get; set; }

    public static string TypeName(Type type) => type.Name;
}

internal sealed class RecordChangeEntryConfiguration : IEntityTypeConfiguration<RecordChangeEntry>
{
    public void Configure(EntityTypeBuilder<RecordChangeEntry> b)
    {
        b.ToTable("RecordChanges");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.RecordType).HasMaxLength(100);
        b.HasIndex(e => new { e.RecordType, e.Sequence });
    }
}

/// <summary>
/// Tells in-memory views of the data which protected records each save touched, once it has committed, so
/// that they can catch up at once instead of at their next poll. A signal only: the durable sequence is the
/// truth, and a subscriber that misses a signal (or fails on it) catches up later. A module subscribes at
/// start-up; Platform knows nothing of it. Publishing never takes the request's cancellation: by then the
/// change is committed, and a client that has gone away must not stop others from seeing it.
/// </summary>
public sealed class RecordChangeHub
{
    private readonly List<Func<IReadOnlyList<RecordChange>, Task>> subscribers = [];

    public void Subscribe(Func<IReadOnlyList<RecordChange>, Task> subscriber)
    {
        lock (subscribers)
        {
            subscribers.Add(subscriber);
        }
    }

    internal async Task PublishAsync(IReadOnlyList<RecordChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        Func<IReadOnlyList<RecordChange>, Task>[] current;
        lock (subscribers)
        {
            current = [.. subscribers];
        }
        foreach (var subscriber in current)
        {
            await subscriber(changes);
        }
    }

    internal static List<(Type Type, Guid Id, RecordChangeKind Kind)> Collect(DbContext db) => db.ChangeTracker.Entries<Security.IProtectedRecord>()
        .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
        .Select(e => (e.Entity.GetType(), e.Entity.Id, e.State == EntityState.Deleted ? RecordChangeKind.Deleted : RecordChangeKind.Saved))
        .ToList();

    /// <summary>The highest number in the sequence (0 when empty).</summary>
    public static async Task<long> HighAsync(VigilDb db, CancellationToken ct) =>
        await db.Set<RecordChangeEntry>().MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
}
