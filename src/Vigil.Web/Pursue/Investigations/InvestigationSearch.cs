using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Pursue;

/// <summary>Investigations in the header search, by operation name: through the access filter (a team the
/// user is not on is not there, nor counted), one page at a time, audited as a search like the caseload.</summary>
public sealed class InvestigationSearch(VigilDb db) : ISearchSource
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var term = query.Text.Trim().ToLowerInvariant();
        var found = db.Set<Investigation>().AsNoTracking().Where(i => i.OperationName.ToLower().Contains(term));
        var total = await found.CountAsync(ct);
        var units = db.Set<Network.Unit>();
        var rows = await found.OrderBy(i => i.OperationName).ThenBy(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(i => new { i.Id, i.OperationName, i.Phase, Unit = units.Where(u => u.Id == i.OwningUnitId).Select(u => u.Name).First() })
            .ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "investigation", null,
            detail: $"operation name \"{query.Text}\"; page {query.Page}; {rows.Count} of {total} shown: {string.Join(",", rows.Select(r => r.Id))}");
        await db.SaveChangesAsync(ct);
        return new SearchResults([.. rows.Select(r => new SearchHit(r.OperationName, $"/investigations/{r.Id}", $"{PhaseNames.Display(r.Phase)}, {r.Unit}"))], total);
    }
}
