using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Retention;
using Vigil.Web.Platform.Links;

namespace Vigil.Web.Intelligence;

/// <summary>
/// Intelligence's part in disposals. Of an intelligence report (its owner): the report with what it names, its
/// source details, its releases and its record of whom it was shared with (a copy another unit received is that
/// unit's record, reviewed on its own); a report linked to a live investigation is kept until it closes. Of an
/// investigation: the reports linked to it keep what they say but lose the link.
/// </summary>
public sealed class IntelligenceReportDisposal(VigilDb db, IEnumerable<IRecordFinder> finders) : IDisposalPart
{
    public bool TakesPart(string recordType) => recordType is "intelligence-report" or "investigation";

    public bool RemovesRecord(string recordType) => recordType == "intelligence-report";

    public async Task<IReadOnlyList<DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct)
    {
        if (recordType == "investigation")
        {
            // Counted through the reviewer's filter: a report they may not see is neither shown nor counted (it loses the link all the same).
            var linked = await db.Set<IntelligenceReport>().Where(r => r.Investigations.Any(l => l.InvestigationId == id)).CountAsync(ct);
            return linked == 0 ? [] : [new("Intelligence", $"The link from {DisposalParts.Count(linked, "intelligence report")} to it is removed (each keeps what it says, reviewed on its own)", false)];
        }
        var report = await db.Set<IntelligenceReport>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return [];
        }
        var named = await db.Set<ReportEntity>().IgnoreQueryFilters().CountAsync(e => e.ReportId == id, ct);
        var shared = await db.Set<Dissemination>().IgnoreQueryFilters().CountAsync(d => d.ReportId == id, ct);
        var steps = new List<DisposalStep>
        {
            new("Intelligence", $"The report {report.Reference} is removed with {DisposalParts.Count(named, "thing it names", "things it names")}, its source details if it has any (whether it has is for the source unit alone), "
                + $"{DisposalParts.Count(shared, "record of sharing", "records of sharing")} (a copy another unit received is theirs, reviewed on its own)", false),
        };
        var live = await finders.InUseAsync("investigation", [.. report.Investigations.Select(l => l.InvestigationId).Distinct()], ct);
        steps.AddRange(live.Values.Select(name => new DisposalStep("Intelligence", $"Linked to {name}, a live investigation: it cannot be disposed of while the investigation is live", true)));
        return steps;
    }

    public async Task RemoveAsync(string recordType, Guid id, CancellationToken ct)
    {
        if (recordType == "investigation")
        {
            foreach (var report in await Linking(id).ToListAsync(ct))
            {
                report.Investigations.RemoveAll(l => l.InvestigationId == id);
            }
            return;
        }
        db.RemoveRange(await db.Set<SourceDetails>().IgnoreQueryFilters().Where(s => s.ReportId == id).ToListAsync(ct));
        foreach (var sent in await db.Set<Dissemination>().IgnoreQueryFilters().Where(d => d.CopyId == id).ToListAsync(ct))
        {
            sent.CopyId = null;
        }
        await db.RemoveWithDependentsAsync<IntelligenceReport>(id, ct);
    }

    private IQueryable<IntelligenceReport> Linking(Guid id) => db.Set<IntelligenceReport>().IgnoreQueryFilters().Where(r => r.Investigations.Any(l => l.InvestigationId == id));
}
