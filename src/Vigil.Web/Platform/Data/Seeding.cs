namespace Vigil.Web.Platform.Data;

/// <summary>A module's contribution to setting up a database: reference data always, demo data only in
/// demo mode. Setup runs each seed in one transaction, so a seed is never half-written; it checks what is
/// there first (and adds only what is missing), so setup can run at every start.</summary>
public interface ISeed
{
    /// <summary>What it seeds, e.g. "network" or "pursue-demo"; other seeds name it in <see cref="After"/>.</summary>
    string Name { get; }

    /// <summary>The seeds whose data this one reads, so must run first.</summary>
    IReadOnlyList<string> After { get; }

    Task SeedAsync(VigilDb db, bool demo, CancellationToken ct);
}

public static class Seeds
{
    /// <summary>Every seed after the ones it names, otherwise in the order the modules registered them.
    /// A name nobody seeds, or seeds that wait on each other, stop the start with the names.</summary>
    public static IReadOnlyList<ISeed> InOrder(IEnumerable<ISeed> seeds)
    {
        var pending = seeds.ToList();
        var known = pending.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (pending.Count != known.Count)
        {
            throw new InvalidOperationException("Two seeds have the same name: " + string.Join(", ", pending.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key)));
        }
        if (pending.SelectMany(s => s.After.Where(a => !known.Contains(a)).Select(a => $"{s.Name} waits for {a}")).ToList() is { Count: > 0 } unknown)
        {
            throw new InvalidOperationException("A seed waits for one that does not exist: " + string.Join("; ", unknown));
        }
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<ISeed>();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(s => s.After.All(done.Contains))
                ?? throw new InvalidOperationException("Seeds wait on each other: " + string.Join(", ", pending.Select(s => s.Name)));
            pending.Remove(next);
            done.Add(next.Name);
            ordered.Add(next);
        }
        return ordered;
    }
}
