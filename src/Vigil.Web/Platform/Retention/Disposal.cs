using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Vigil.Web.Platform.Retention;

/// <summary>One thing a disposal does, or the reason it cannot be done yet, as the reviewer reads it: the module
/// it is in ("Pursue"), what it says ("Linked to Operation KESTREL, a live investigation") and whether it
/// blocks the disposal.</summary>
public sealed record DisposalStep(string Module, string Words, bool Blocks);

/// <summary>
/// What one module holds of a record that is being disposed of, and its part in removing it. The module that
/// owns the record removes the record itself (with its search entry, its retention entry and its place in the
/// matching index, all in the save); every other module that refers to it either removes its reference or names
/// what must happen first (a subject linked to a live investigation cannot be disposed of). The retention module
/// asks every part, so that a disposal is planned across the modules without knowing them, and carries them out
/// in one transaction.
/// </summary>
public interface IDisposalPart
{
    /// <summary>Whether this part has anything to do with records of this type ("subject").</summary>
    bool TakesPart(string recordType);

    /// <summary>Whether this part removes the record itself (its module owns records of the type): a type that no
    /// part removes cannot be disposed of, only retained.</summary>
    bool RemovesRecord(string recordType) => false;

    /// <summary>What it would do, and anything that blocks the disposal, read as the system (the reviewer may not
    /// see every record that refers to the one under review; a step names such a record only by its unit).</summary>
    Task<IReadOnlyList<DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct);

    /// <summary>Removes what this part holds, in the unit of work (the caller saves, in its transaction).</summary>
    Task RemoveAsync(string recordType, Guid id, CancellationToken ct);

    /// <summary>Once the disposal has committed: removes what this part holds outside the database (an exhibit's file),
    /// noted by <see cref="RemoveAsync"/>. Never before the commit, so a disposal that fails loses nothing.</summary>
    void AfterCommit() { }
}

public static class DisposalParts
{
    /// <summary>"1 file", "3 files", "2 people": a plan's counts in words.</summary>
    public static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    /// <summary>Every part's plan for the record, in the order the parts were registered.</summary>
    public static async Task<List<DisposalStep>> PlanAsync(this IEnumerable<IDisposalPart> parts, string recordType, Guid id, CancellationToken ct)
    {
        var steps = new List<DisposalStep>();
        foreach (var part in parts.Where(p => p.TakesPart(recordType)))
        {
            steps.AddRange(await part.PlanAsync(recordType, id, ct));
        }
        return steps;
    }
}

/// <summary>
/// Removes a record together with every row that depends on it through a foreign key of the model, and theirs in
/// turn, as tracked deletes (so the save removes their search and retention entries and audits them): an owner's
/// disposal part need not list its children, and a child table added later is removed with its record without
/// anyone remembering to. A required reference is removed with its dependent row; an optional one is cleared.
/// References that are not foreign keys (a soft link by id) are each module's own part to remove.
/// </summary>
public static class RecordRemoval
{
    public static async Task RemoveWithDependentsAsync<T>(this DbContext db, Guid id, CancellationToken ct) where T : class
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var records = await LoadAsync(db, type, type.FindPrimaryKey()!.Properties[0], [id], ct);
        await RemoveAsync(db, type, records, ct);
    }

    private static async Task RemoveAsync(DbContext db, IEntityType type, IReadOnlyList<object> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return;
        }
        var key = type.FindPrimaryKey()!.Properties[0];
        var keys = records.Select(r => db.Entry(r).Property(key.Name).CurrentValue!).ToList();
        foreach (var fk in type.GetReferencingForeignKeys().Where(f => !f.IsOwnership && f.Properties.Count == 1 && f.PrincipalKey.Properties[0] == key))
        {
            var dependentType = fk.DeclaringEntityType;
            var dependents = await LoadAsync(db, dependentType, fk.Properties[0], keys, ct);
            if (fk.IsRequired)
            {
                await RemoveAsync(db, dependentType, dependents.Where(d => db.Entry(d).State != EntityState.Deleted).ToList(), ct);
            }
            else
            {
                foreach (var dependent in dependents)
                {
                    db.Entry(dependent).Property(fk.Properties[0].Name).CurrentValue = null;
                }
            }
        }
        db.RemoveRange(records);
    }

    // Every row of the type whose property is one of the values, past the access filters (a disposal removes what
    // the reviewer may not see too).
    private static async Task<IReadOnlyList<object>> LoadAsync(DbContext db, IEntityType type, IProperty property, IReadOnlyList<object> values, CancellationToken ct) =>
        await (Task<IReadOnlyList<object>>)typeof(RecordRemoval).GetMethod(nameof(LoadTypedAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType, property.ClrType).Invoke(null, [db, property.Name, values, ct])!;

    private static async Task<IReadOnlyList<object>> LoadTypedAsync<TRow, TValue>(DbContext db, string property, IReadOnlyList<object> values, CancellationToken ct) where TRow : class
    {
        var wanted = values.Select(v => (TValue)v).ToList();
        var rows = new List<object>();
        foreach (var batch in wanted.Chunk(500))
        {
            rows.AddRange(await db.Set<TRow>().IgnoreQueryFilters().Where(r => batch.Contains(EF.Property<TValue>(r, property))).ToListAsync(ct));
        }
        return rows;
    }
}
