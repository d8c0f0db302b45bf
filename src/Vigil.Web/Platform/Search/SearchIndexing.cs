using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Search;

/// <summary>
/// Keeps <see cref="SearchEntry"/> rows true inside every save (called by <see cref="VigilDb"/> once the
/// unit of work's labels are assigned, in its transaction): a searchable record added or changed (or one
/// whose owned rows changed) has its entry written with the label of the record that protects it; a deleted
/// one loses it; a protected record whose label changed passes the new label to every entry it protects (its
/// children's too), and one that is deleted takes them with it.
/// </summary>
internal static class SearchIndexing
{
    public static async Task WriteAsync(VigilDb db, IReadOnlyCollection<ISearchable> changed, IReadOnlyCollection<ISearchable> deleted, CancellationToken ct)
    {
        // One look at the change tracker (each costs a scan of everything tracked): entries added by an attempt
        // that failed (a number taken by another writer) are made again below, and the protected records
        // tracked give their labels.
        var tracked = new Dictionary<(Type, Guid), Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<IProtectedRecord>>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is SearchEntry && entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else if (entry.Entity is IProtectedRecord record)
            {
                tracked[(record.GetType(), record.Id)] = db.Entry(record);
            }
        }
        await RelabelAsync(db, tracked.Values, ct);
        if (changed.Count == 0 && deleted.Count == 0)
        {
            return;
        }
        var ids = changed.Concat(deleted).Select(r => r.Id).Distinct().ToList();
        var stored = await db.Set<SearchEntry>().Where(e => ids.Contains(e.RecordId)).ToListAsync(ct);
        var byKey = stored.ToDictionary(e => (e.RecordType, e.RecordId));
        foreach (var record in deleted)
        {
            if (byKey.Remove((record.SearchType, record.Id), out var gone))
            {
                db.Remove(gone);
            }
        }
        foreach (var record in changed)
        {
            var document = record.SearchDocument();
            byKey.TryGetValue((record.SearchType, record.Id), out var entry);
            if (document is null)
            {
                if (entry is not null)
                {
                    db.Remove(entry);
                }
                continue;
            }
            var (label, unit) = tracked.TryGetValue((document.AccessRecordType, document.AccessRecordId), out var protector)
                ? (protector.Entity.AccessLabelId, protector.Entity.OwningUnitId)
                : await LabelOfAsync(db, document.AccessRecordType, document.AccessRecordId, ct);
            if (entry is null)
            {
                entry = new SearchEntry { RecordType = record.SearchType, RecordId = record.Id, Title = "", Href = "" };
                db.Add(entry);
                byKey[(record.SearchType, record.Id)] = entry;
            }
            Fill(entry, document, label, unit);
        }
    }

    /// <summary>Sets an entry from a record's document and label (the save, and the national-scale generator).</summary>
    public static void Fill(SearchEntry entry, SearchDocument document, Guid label, Guid unit)
    {
        entry.Title = Bound(document.Title, 400);
        entry.Body = Bound(document.Text, 20_000);
        entry.Terms = Bound(string.Join(" ", document.Identifiers.Select(SearchTerms.Identifier).OfType<string>().Distinct(StringComparer.Ordinal)), 4000);
        entry.Href = document.Href;
        entry.UnitId = unit;
        entry.On = document.On;
        entry.Grade = document.Grade;
        entry.AccessRecordId = document.AccessRecordId;
        entry.AccessLabelId = label;
        entry.LabelWord = SearchEntry.WordOf(label);
    }

    private static string Bound(string text, int length) => text.Length <= length ? text : text[..length];

    // A protected record relabelled (reclassified, its team changed) relabels what it protects; one deleted removes it.
    private static async Task RelabelAsync(VigilDb db, IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<IProtectedRecord>> tracked, CancellationToken ct)
    {
        foreach (var entry in tracked)
        {
            var id = entry.Entity.Id;
            if (entry.State == EntityState.Deleted)
            {
                await db.Set<SearchEntry>().Where(e => e.AccessRecordId == id && e.RecordId != id).ExecuteDeleteAsync(ct);
            }
            else if (entry.State == EntityState.Modified && entry.Property(r => r.AccessLabelId) is { IsModified: true } label
                && !Equals(label.OriginalValue, label.CurrentValue))
            {
                var now = entry.Entity.AccessLabelId;
                var word = SearchEntry.WordOf(now);
                var unit = entry.Entity.OwningUnitId;
                await db.Set<SearchEntry>().Where(e => e.AccessRecordId == id && e.AccessLabelId != now)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.AccessLabelId, now).SetProperty(e => e.LabelWord, word).SetProperty(e => e.UnitId, unit), ct);
            }
        }
    }

    private static readonly ConcurrentDictionary<Type, Func<VigilDb, Guid, CancellationToken, Task<(Guid, Guid)>>> Lookups = new();

    // The label and owning unit of the record that protects an entry, as stored (one not tracked by this save).
    internal static Task<(Guid Label, Guid Unit)> LabelOfAsync(VigilDb db, Type type, Guid id, CancellationToken ct)
    {
        var lookup = Lookups.GetOrAdd(type, t => (Func<VigilDb, Guid, CancellationToken, Task<(Guid, Guid)>>)Delegate.CreateDelegate(
            typeof(Func<VigilDb, Guid, CancellationToken, Task<(Guid, Guid)>>),
            typeof(SearchIndexing).GetMethod(nameof(StoredLabelAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(t)));
        return lookup(db, id, ct);
    }

    private static async Task<(Guid, Guid)> StoredLabelAsync<T>(VigilDb db, Guid id, CancellationToken ct) where T : class, IProtectedRecord
    {
        var found = await db.Set<T>().IgnoreQueryFilters().Where(r => r.Id == id).Select(r => new { r.AccessLabelId, r.OwningUnitId }).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"A searchable record is protected by a {typeof(T).Name} that does not exist.");
        return (found.AccessLabelId, found.OwningUnitId);
    }
}
