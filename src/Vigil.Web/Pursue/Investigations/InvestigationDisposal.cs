using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Retention;

namespace Vigil.Web.Pursue;

/// <summary>
/// Pursue's part in disposing of an investigation (its owner, reviewable once its outcome is recorded): the
/// investigation with everything its incident room holds (actions, lines of enquiry, the policy file, exhibits,
/// statements, the disclosure schedules, the timeline, executive liaison meetings) and its links to people, whose own
/// records stay, each reviewed on its own. Intelligence and ACT reports linked to it lose the link (their parts).
/// </summary>
public sealed class InvestigationDisposal(VigilDb db, ExhibitStorageOptions storage, ILogger<InvestigationDisposal> log) : IDisposalPart
{
    // The digital exhibits' files of the investigation being removed: deleted once the disposal has committed.
    private readonly List<string> files = [];

    public bool TakesPart(string recordType) => recordType == "investigation";

    public bool RemovesRecord(string recordType) => recordType == "investigation";

    public async Task<IReadOnlyList<DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct)
    {
        var investigation = await db.Set<Investigation>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (investigation is null)
        {
            return [];
        }
        var actions = await db.Set<InvestigationAction>().IgnoreQueryFilters().CountAsync(a => a.InvestigationId == id, ct);
        var decisions = await db.Set<PolicyEntry>().IgnoreQueryFilters().CountAsync(p => p.InvestigationId == id, ct);
        var exhibits = await db.Set<Exhibit>().IgnoreQueryFilters().CountAsync(e => e.InvestigationId == id, ct);
        var statements = await db.Set<WitnessStatement>().IgnoreQueryFilters().CountAsync(s => s.InvestigationId == id, ct);
        var people = await db.Set<InvestigationSubject>().IgnoreQueryFilters().CountAsync(l => l.InvestigationId == id, ct);
        return
        [
            new("Pursue", $"{investigation.OperationName} is removed with {DisposalParts.Count(actions, "action")}, {DisposalParts.Count(decisions, "policy file decision")}, "
                + $"{DisposalParts.Count(exhibits, "exhibit")}, {DisposalParts.Count(statements, "statement")}, its lines of enquiry, disclosure schedules, timeline and executive liaison meetings", false),
            .. people == 0 ? Array.Empty<DisposalStep>()
                : [new("Pursue", $"Its links to {DisposalParts.Count(people, "person", "people")} are removed (each person's record stays, reviewed on its own)", false)],
        ];
    }

    public async Task RemoveAsync(string recordType, Guid id, CancellationToken ct)
    {
        files.AddRange((await db.Set<Exhibit>().IgnoreQueryFilters().Where(e => e.InvestigationId == id && e.StoredAs != null).Select(e => e.StoredAs!).ToListAsync(ct))
            .Select(name => Path.Combine(storage.Folder, Path.GetFileName(name))));
        await db.RemoveWithDependentsAsync<Investigation>(id, ct);
    }

    public void AfterCommit()
    {
        foreach (var file in files)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The row is gone, so nothing serves the file; it is named (never its content) for an operator to remove.
                log.LogError(e, "A disposed investigation's exhibit file could not be deleted: {File}", file);
            }
        }
        files.Clear();
    }
}
