using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Platform.Data;

public enum RecordChangeKind
{
    Saved,
    Deleted,
}

/// <summary>A protected record that a save created, changed or deleted.</summary>
public sealed record RecordChange(Type RecordType, Guid Id, RecordChangeKind Kind);

/// <summary>
/// Tells in-memory views of the data (such as the matching index) which protected records each save
/// touched, once the save has succeeded. A module subscribes at start-up; Platform knows nothing of it.
/// </summary>
public sealed class RecordChangeHub
{
    private readonly List<Func<IReadOnlyList<RecordChange>, CancellationToken, Task>> subscribers = [];

    public void Subscribe(Func<IReadOnlyList<RecordChange>, CancellationToken, Task> subscriber)
    {
        lock (subscribers)
        {
            subscribers.Add(subscriber);
        }
    }

    internal async Task PublishAsync(IReadOnlyList<RecordChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return;
        }
        Func<IReadOnlyList<RecordChange>, CancellationToken, Task>[] current;
        lock (subscribers)
        {
            current = [.. subscribers];
        }
        foreach (var subscriber in current)
        {
            await subscriber(changes, ct);
        }
    }

    internal static List<RecordChange> Collect(DbContext db) => db.ChangeTracker.Entries<Security.IProtectedRecord>()
        .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
        .Select(e => new RecordChange(e.Entity.GetType(), e.Entity.Id, e.State == EntityState.Deleted ? RecordChangeKind.Deleted : RecordChangeKind.Saved))
        .ToList();
}
