using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Search;

/// <summary>
/// Builds the search entries of a database whose records were saved before the search existed (every save
/// since writes them itself, and so does the national-scale generator): once, when there are none, for every
/// searchable type in the model, a batch at a time. A fresh database has nothing to build.
/// </summary>
public sealed class SearchBackfill : ISeed
{
    public string Name => "search-index";
    public IReadOnlyList<string> After => [];
    private const int Batch = 500;

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (await db.Set<SearchEntry>().AnyAsync(ct))
        {
            return;
        }
        foreach (var type in db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(ISearchable).IsAssignableFrom(t)).Distinct().ToList())
        {
            await (Task)typeof(SearchBackfill).GetMethod(nameof(BuildAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [db, ct])!;
        }
    }

    private static async Task BuildAsync<T>(VigilDb db, CancellationToken ct) where T : class, ISearchable
    {
        for (var skip = 0; ; skip += Batch)
        {
            var records = await db.Set<T>().IgnoreQueryFilters().AsNoTracking().OrderBy(r => r.Id).Skip(skip).Take(Batch).ToListAsync(ct);
            if (records.Count == 0)
            {
                return;
            }
            var protectors = new Dictionary<Guid, (Guid, Guid)>();
            foreach (var record in records)
            {
                if (record.SearchDocument() is not { } document)
                {
                    continue;
                }
                if (!protectors.TryGetValue(document.AccessRecordId, out var access))
                {
                    access = await SearchIndexing.LabelOfAsync(db, document.AccessRecordType, document.AccessRecordId, ct);
                    protectors[document.AccessRecordId] = access;
                }
                var entry = new SearchEntry { RecordType = record.SearchType, RecordId = record.Id, Title = "", Href = "" };
                SearchIndexing.Fill(entry, document, access.Item1, access.Item2);
                db.Add(entry);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
