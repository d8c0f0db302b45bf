using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Links;

namespace Vigil.Web.Reporting;

/// <summary>
/// ACT reports in other modules' records, through Platform's contracts: an investigation's sequence of events
/// shows the reports linked to it, and its CPS case file includes each (what the public reported, the trail that
/// brought it there and its files' hashes, never the reporter's contact details). Only reports the user may see.
/// </summary>
public sealed class ActLinks(VigilDb db) : ITimelineSource, ICaseFileSource
{
    private Task<List<ActReport>> LinkedToAsync(Guid investigation, CancellationToken ct) =>
        db.Set<ActReport>().AsNoTracking().Where(r => r.InvestigationId == investigation).OrderBy(r => r.ReceivedAt).Take(200).ToListAsync(ct);

    public async Task<IReadOnlyList<DatedFact>> AboutAsync(string type, Guid id, CancellationToken ct) => type switch
    {
        "investigation" => await InvestigationAsync(id, ct),
        // A Protect site: the reports near it (its postcode district) that the reader may see, newest first.
        "protect-site" => await NearSiteAsync(id, ct),
        _ => [],
    };

    /// <summary>The reports near a Protect site that the reader may see, newest first; each one shown is audited as read.</summary>
    private async Task<IReadOnlyList<DatedFact>> NearSiteAsync(Guid site, CancellationToken ct)
    {
        var reports = await db.Set<ActSiteLink>().AsNoTracking().Where(l => l.SiteId == site)
            .Join(db.Set<ActReport>().AsNoTracking(), l => l.ReportId, r => r.Id, (_, r) => r).OrderByDescending(r => r.ReceivedAt).Take(50).ToListAsync(ct);
        foreach (var r in reports)
        {
            db.Audit(Platform.Audit.AuditActions.Read, Platform.Audit.AuditOutcomes.Success, "act-report", r.Id.ToString(), detail: $"listed near Protect site {site}");
        }
        if (reports.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return [.. reports.Select(r => new DatedFact(r.ReceivedAt, "act-report", $"ACT report {r.Reference}: {r.BehaviourText}", r.PlaceText, $"/act/triage/{r.Id}"))];
    }

    private async Task<IReadOnlyList<DatedFact>> InvestigationAsync(Guid id, CancellationToken ct) =>
        [.. (await LinkedToAsync(id, ct)).Select(r => new DatedFact(r.ReceivedAt, "act-report", $"ACT report {r.Reference} from the public: {r.BehaviourText}",
            $"{r.PlaceText}. Linked by {r.TriagedBy}{(r.IntelligenceReference.Length > 0 ? $" after intelligence report {r.IntelligenceReference}" : "")}.", $"/act/triage/{r.Id}"))];

    public async Task<IReadOnlyList<CaseFileDocument>> ForCaseFileAsync(string type, Guid id, CancellationToken ct)
    {
        if (type != "investigation")
        {
            return [];
        }
        var reports = await LinkedToAsync(id, ct);
        var ids = reports.Select(r => r.Id).ToList();
        var files = await db.Set<ActAttachment>().AsNoTracking().Where(a => ids.Contains(a.ReportId))
            .Select(a => new { a.ReportId, a.FileName, a.Size, a.Sha256 }).ToListAsync(ct);
        return [.. reports.Select(r =>
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"ACT PUBLIC REPORT {r.Reference}\nOFFICIAL-SENSITIVE\nReceived: {r.ReceivedAt:u}\n");
            text.Append("The reporter's contact details are withheld from the case file (held by the triaging unit).\n\n");
            text.Append(CultureInfo.InvariantCulture, $"What: {r.BehaviourText}\nWhen: {(r.SeenOn is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "not given")}{(r.SeenAt is { } t ? " " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : "")}\n");
            text.Append(CultureInfo.InvariantCulture, $"Where: {r.PlaceText}\n\n{r.WhatHappened}\n");
            foreach (var p in r.People)
            {
                text.Append(CultureInfo.InvariantCulture, $"Person: {p.Name} {p.Description}\n");
            }
            foreach (var v in r.Vehicles)
            {
                text.Append(CultureInfo.InvariantCulture, $"Vehicle: {v.Registration} {v.Make} {v.Colour}\n");
            }
            if (r.AnythingElse.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"Also: {r.AnythingElse}\n");
            }
            foreach (var m in r.Messages.OrderBy(m => m.At))
            {
                text.Append(CultureInfo.InvariantCulture, $"{m.At:u} {(m.FromReporter ? "Reporter" : "Triage")}: {m.Text}\n");
            }
            foreach (var f in files.Where(f => f.ReportId == r.Id))
            {
                text.Append(CultureInfo.InvariantCulture, $"File: {f.FileName}, {f.Size} bytes, sha256 {f.Sha256}\n");
            }
            text.Append("\nTrail:\n");
            foreach (var e in r.Trail.OrderBy(e => e.At))
            {
                text.Append(CultureInfo.InvariantCulture, $"{e.At:u} {e.By}: {e.What}\n");
            }
            return new CaseFileDocument($"act/{r.Reference}.txt", $"ACT public report {r.Reference} ({r.BehaviourText})", text.ToString());
        })];
    }
}
