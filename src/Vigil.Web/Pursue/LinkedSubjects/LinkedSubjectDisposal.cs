using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Retention;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Pursue;

/// <summary>Pursue's part in disposing of a person: a link to a live investigation blocks it (named when the reviewer
/// may see the investigation, otherwise by its unit); a link to a closed one is removed (the investigation keeps its
/// own record, reviewed on its own).</summary>
public sealed class LinkedSubjectDisposal(VigilDb db, IOrganisationDirectory directory) : IDisposalPart
{
    public bool TakesPart(string recordType) => recordType == "subject";

    public async Task<IReadOnlyList<DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct)
    {
        var links = await db.Set<InvestigationSubject>().IgnoreQueryFilters().Where(l => l.SubjectId == id)
            .Join(db.Set<Investigation>().IgnoreQueryFilters(), l => l.InvestigationId, i => i.Id, (l, i) => new { i.Id, i.OperationName, i.Phase, i.OwningUnitId })
            .ToListAsync(ct);
        if (links.Count == 0)
        {
            return [];
        }
        var ids = links.Select(l => l.Id).ToList();
        var visible = (await db.Set<Investigation>().Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct)).ToHashSet();
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        string Name(Guid investigation, string operation, Guid unit) => visible.Contains(investigation) ? operation : $"an investigation of {units.GetValueOrDefault(unit, "another unit")}";
        return [.. links.Select(l => l.Phase == Phase.Closed
            ? new DisposalStep("Pursue", $"The link from {Name(l.Id, l.OperationName, l.OwningUnitId)} (closed) is removed", false)
            : new DisposalStep("Pursue", $"Linked to {Name(l.Id, l.OperationName, l.OwningUnitId)}, a live investigation: it cannot be disposed of while the investigation is live", true))];
    }

    public async Task RemoveAsync(string recordType, Guid id, CancellationToken ct) =>
        db.RemoveRange(await db.Set<InvestigationSubject>().IgnoreQueryFilters().Where(l => l.SubjectId == id).ToListAsync(ct));
}
