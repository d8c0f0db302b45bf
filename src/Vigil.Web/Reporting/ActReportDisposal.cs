using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Retention;
using Vigil.Web.Platform.Links;

namespace Vigil.Web.Reporting;

/// <summary>
/// ACT's part in disposals. Of an ACT report (its owner): the report with everything the public told (people,
/// vehicles, messages, files), the reporter's contact details and its links to other reports and to sites; the
/// statistics go on counting it in the week it arrived (<see cref="DisposedReportCount"/>). A report that led to an
/// investigation still live is kept until the investigation closes. Of an intelligence report or an investigation:
/// the ACT reports that led to it keep its reference but lose the link.
/// </summary>
public sealed class ActReportDisposal(VigilDb db, IEnumerable<IRecordFinder> finders) : IDisposalPart
{
    public bool TakesPart(string recordType) => recordType is "act-report" or "intelligence-report" or "investigation";

    public bool RemovesRecord(string recordType) => recordType == "act-report";

    public async Task<IReadOnlyList<DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct)
    {
        if (recordType != "act-report")
        {
            // Counted through the reviewer's filter: a report they may not see is neither shown nor counted (it loses the link all the same).
            var leading = await LeadingTo(db.Set<ActReport>(), recordType, id).CountAsync(ct);
            return leading == 0 ? [] : [new("ACT", $"The link from {DisposalParts.Count(leading, "ACT report")} that led to it is removed (each keeps its reference)", false)];
        }
        var report = await db.Set<ActReport>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return [];
        }
        var files = await db.Set<ActAttachment>().IgnoreQueryFilters().CountAsync(a => a.ReportId == id, ct);
        var steps = new List<DisposalStep>
        {
            new("ACT", $"The report {report.Reference} is removed with what the public told: {DisposalParts.Count(report.People.Count, "person", "people")}, {DisposalParts.Count(report.Vehicles.Count, "vehicle")}, "
                + $"{DisposalParts.Count(report.Messages.Count, "message")}, {DisposalParts.Count(files, "file")}, and the reporter's contact details if they left any; the ACT statistics go on counting it in the week it arrived", false),
        };
        var live = report.InvestigationId is { } investigation ? await finders.InUseAsync("investigation", [investigation], ct) : new Dictionary<Guid, string>();
        steps.AddRange(live.Values.Select(name => new DisposalStep("ACT", $"It led to {name}, a live investigation: it cannot be disposed of while the investigation is live", true)));
        return steps;
    }

    public async Task RemoveAsync(string recordType, Guid id, CancellationToken ct)
    {
        if (recordType != "act-report")
        {
            foreach (var report in await LeadingTo(db.Set<ActReport>().IgnoreQueryFilters(), recordType, id).ToListAsync(ct))
            {
                (report.IntelligenceReportId, report.InvestigationId) = (report.IntelligenceReportId == id ? null : report.IntelligenceReportId, report.InvestigationId == id ? null : report.InvestigationId);
            }
            return;
        }
        if (await db.Set<ActReport>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } gone)
        {
            db.Add(DisposedReportCount.Of(gone));
            // The notices to Protect's advisers are filed under their sites but quote the report (its reference, what was
            // seen, where and when): they go with it, found under the sites the report was linked to (one notice per
            // link). The inbox's own part removes those filed under the report.
            var reference = gone.Reference;
            var sites = (await db.Set<ActSiteLink>().IgnoreQueryFilters().Where(l => l.ReportId == id).Select(l => l.SiteId).ToListAsync(ct)).Select(s => s.ToString()).ToList();
            db.RemoveRange(await db.Set<Platform.Inbox.InboxItem>().IgnoreQueryFilters()
                .Where(i => i.RecordType == "protect-site" && sites.Contains(i.RecordId!) && i.Body.Contains(reference)).ToListAsync(ct));
        }
        db.RemoveRange(await db.Set<ActClusterLink>().IgnoreQueryFilters().Where(l => l.OtherId == id).ToListAsync(ct));
        await db.RemoveWithDependentsAsync<ActReport>(id, ct);
    }

    private static IQueryable<ActReport> LeadingTo(IQueryable<ActReport> reports, string recordType, Guid id) => recordType == "intelligence-report"
        ? reports.Where(r => r.IntelligenceReportId == id)
        : reports.Where(r => r.InvestigationId == id);
}
