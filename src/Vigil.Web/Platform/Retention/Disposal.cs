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
}

public static class DisposalParts
{
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
