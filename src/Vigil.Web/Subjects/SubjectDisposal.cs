using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Retention;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Subjects;

/// <summary>
/// The Subjects module's part in disposing of a person: the record itself with everything it owns (names,
/// identifiers, addresses, contacts, vehicles, nationalities, markers, links), any record merged into it (the
/// same person), other people's links to it and the deconfliction log's hits on it. Its search entry, retention
/// entry and name words go in the same save, and the matching index drops it from the change sequence, so
/// deconfliction never finds the person again. A subject of interest with a current tier is not disposed of:
/// the tier is removed first, by a decision of its own.
/// </summary>
public sealed class SubjectDisposal(VigilDb db) : IDisposalPart
{
    public bool TakesPart(string recordType) => recordType == "subject";

    public bool RemovesRecord(string recordType) => recordType == "subject";

    public async Task<IReadOnlyList<DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct)
    {
        var subject = await db.Set<Subject>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subject is null)
        {
            return [];
        }
        var steps = new List<DisposalStep>
        {
            new("Subjects", $"The person's record is removed: {DisposalParts.Count(1 + subject.OtherNames.Count, "name")}, {DisposalParts.Count(subject.Identifiers.Count, "identifier")}, "
                + $"{DisposalParts.Count(subject.Addresses.Count, "address", "addresses")}, {DisposalParts.Count(subject.Contacts.Count, "contact")}, {DisposalParts.Count(subject.Vehicles.Count, "vehicle")}, "
                + $"{DisposalParts.Count(subject.WarningMarkers.Count, "warning marker")}; deconfliction will not find them", false),
        };
        var merged = await db.Set<Subject>().IgnoreQueryFilters().CountAsync(s => s.MergedIntoId == id, ct);
        if (merged > 0)
        {
            steps.Add(new("Subjects", $"{DisposalParts.Count(merged, "record")} merged into it (the same person) removed with it", false));
        }
        // Counted through the reviewer's filter: a person they may not see is neither named nor counted (the link goes all the same).
        var linking = await db.Set<Subject>().CountAsync(s => s.Id != id && s.MergedIntoId != id && s.Links.Any(l => l.ToSubjectId == id), ct);
        if (linking > 0)
        {
            steps.Add(new("Subjects", $"Links to them from {DisposalParts.Count(linking, "other person", "other people")} removed", false));
        }
        if (subject.TierId is not null)
        {
            var tier = await db.Set<SubjectTier>().Where(t => t.Id == subject.TierId).Select(t => t.Name).FirstOrDefaultAsync(ct);
            steps.Add(new("Subjects", $"A subject of interest ({tier}): remove the tier first, at a tier review", true));
        }
        return steps;
    }

    public async Task RemoveAsync(string recordType, Guid id, CancellationToken ct)
    {
        var people = await db.Set<Subject>().IgnoreQueryFilters().Where(s => s.Id == id || s.MergedIntoId == id).ToListAsync(ct);
        var ids = people.Select(s => s.Id).ToList();
        foreach (var other in await LinkingAsync(id, ct))
        {
            other.Links.RemoveAll(l => l.ToSubjectId is { } to && ids.Contains(to));
        }
        // EF orders the deletes: a merged record (pointing at the survivor) goes before the survivor.
        db.RemoveRange(people);
        db.RemoveRange(await db.Set<MaskedHitEntry>().Where(h => ids.Contains(h.SubjectId)).ToListAsync(ct));
    }

    private Task<List<Subject>> LinkingAsync(Guid id, CancellationToken ct) =>
        db.Set<Subject>().IgnoreQueryFilters().Where(s => s.Id != id && s.MergedIntoId != id && s.Links.Any(l => l.ToSubjectId == id)).ToListAsync(ct);
}
