using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Retention;

namespace Vigil.Web.Intelligence;

/// <summary>Intelligence's part in disposing of a person: what a report names stays as written (the report is
/// reviewed on its own), but its link to the person's record is removed, and so is the person from the candidates
/// a check offered.</summary>
public sealed class ReportEntityDisposal(VigilDb db) : IDisposalPart
{
    public bool TakesPart(string recordType) => recordType == "subject";

    public async Task<IReadOnlyList<DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct)
    {
        // Counted through the reviewer's filter: a report they may not see is neither shown nor counted (it loses the link all the same).
        var text = id.ToString();
        var reports = await db.Set<IntelligenceReport>().CountAsync(r => db.Set<ReportEntity>().IgnoreQueryFilters()
            .Any(e => e.ReportId == r.Id && (e.SubjectId == id || (e.Candidates != null && e.Candidates.Contains(text)))), ct);
        return reports == 0 ? [] : [new("Intelligence", $"The link from {DisposalParts.Count(reports, "intelligence report")} to the person is removed (each report keeps what it says, reviewed on its own)", false)];
    }

    public async Task RemoveAsync(string recordType, Guid id, CancellationToken ct)
    {
        var text = id.ToString();
        foreach (var entity in await Naming(id).ToListAsync(ct))
        {
            if (entity.SubjectId == id)
            {
                (entity.SubjectId, entity.Link, entity.LinkNote) = (null, EntityLink.Unlinked, "The linked person's record was disposed of at a retention review");
            }
            entity.Candidates = entity.Candidates is null ? null : string.Join(",", entity.Candidates.Split(',').Where(c => c != text)) is { Length: > 0 } left ? left : null;
        }
    }

    private IQueryable<ReportEntity> Naming(Guid id)
    {
        var text = id.ToString();
        return db.Set<ReportEntity>().IgnoreQueryFilters().Where(e => e.SubjectId == id || (e.Candidates != null && e.Candidates.Contains(text)));
    }
}
