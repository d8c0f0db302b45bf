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
        var names = await InvestigationNaming.AsSeenAsync(db, directory, [.. links.Select(l => (l.Id, l.OperationName, l.OwningUnitId))], ct);
        return [.. links.Select(l => l.Phase == Phase.Closed
            ? new DisposalStep("Pursue", $"The link from {names[l.Id]} (closed) is removed", false)
            : new DisposalStep("Pursue", $"Linked to {names[l.Id]}, a live investigation: it cannot be disposed of while the investigation is live", true))];
    }

    public async Task RemoveAsync(string recordType, Guid id, CancellationToken ct) =>
        db.RemoveRange(await db.Set<InvestigationSubject>().IgnoreQueryFilters().Where(l => l.SubjectId == id).ToListAsync(ct));
}

/// <summary>How a disposal's plan names investigations to the reviewer: by operation when they may see it, otherwise
/// only by its unit ("an investigation of London"), as deconfliction does.</summary>
public static class InvestigationNaming
{
    public static async Task<Dictionary<Guid, string>> AsSeenAsync(VigilDb db, IOrganisationDirectory directory, IReadOnlyCollection<(Guid Id, string OperationName, Guid UnitId)> investigations, CancellationToken ct)
    {
        var ids = investigations.Select(i => i.Id).ToList();
        var visible = (await db.Set<Investigation>().Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct)).ToHashSet();
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        return investigations.DistinctBy(i => i.Id).ToDictionary(i => i.Id,
            i => visible.Contains(i.Id) ? i.OperationName : $"an investigation of {units.GetValueOrDefault(i.UnitId, "another unit")}");
    }
}
