using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Links;

namespace Vigil.Web.Intelligence;

/// <summary>Intelligence in other records' timelines: the reports linked to an investigation (its sequence of
/// events), and the reports naming a subject (the subject's timeline). Only reports the user may see, through
/// their filter; a copy awaiting acknowledgement of its conditions by its reference only.</summary>
public sealed class IntelligenceTimeline(VigilDb db) : ITimelineSource
{
    public async Task<IReadOnlyList<DatedFact>> AboutAsync(string type, Guid id, CancellationToken ct)
    {
        switch (type)
        {
            case "investigation":
                {
                    var reports = await db.Set<IntelligenceReport>().AsNoTracking().Where(r => r.Investigations.Any(l => l.InvestigationId == id)).ToListAsync(ct);
                    return [.. reports.Select(r => new DatedFact(r.Investigations.First(l => l.InvestigationId == id).LinkedAt, "intelligence",
                    $"Intelligence report {r.Reference} ({r.GradeText}) linked", Extract(r), $"/intelligence/reports/{r.Id}"))];
                }
            case "subject":
                {
                    var named = await db.Set<ReportEntity>().AsNoTracking().Where(e => e.SubjectId == id)
                        .Join(db.Set<IntelligenceReport>().AsNoTracking(), e => e.ReportId, r => r.Id, (e, r) => new { e.Kind, e.Value, Report = r }).ToListAsync(ct);
                    return [.. named.Select(n => new DatedFact(n.Report.InformationDate is { } on ? new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : n.Report.ReportedAt,
                    "intelligence", $"Named in intelligence report {n.Report.Reference} ({n.Report.GradeText})",
                    $"As {IntelligenceReports.Describe(n.Kind)} {n.Value}. {Extract(n.Report)}", $"/intelligence/reports/{n.Report.Id}"))];
                }
            default:
                return [];
        }
    }

    private static string Extract(IntelligenceReport r) =>
        r.Withheld ? "Withheld until its handling conditions are acknowledged." : r.Text.Length <= 200 ? r.Text : r.Text[..197].TrimEnd() + "...";
}
