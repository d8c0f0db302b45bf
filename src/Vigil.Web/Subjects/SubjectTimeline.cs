using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Links;

namespace Vigil.Web.Subjects;

/// <summary>
/// A subject's timeline: every dated fact about the person the user may see, oldest first: when the record was
/// made, the addresses with their dates, warning markers, links to people and organisations, and what other modules
/// hold (the investigations they are linked to, the intelligence reports naming them), each through its own access
/// filter. The subject itself is read as any read is (hidden answers as missing), and the timeline is audited.
/// </summary>
public sealed class SubjectTimeline(VigilDb db, SubjectRecords subjects, IEnumerable<ITimelineSource> contributors)
{
    public async Task<IReadOnlyList<DatedFact>?> ForAsync(Guid id, CancellationToken ct) => (await ViewAsync(id, ct))?.Facts;

    /// <summary>The subject as read for the timeline, and its facts.</summary>
    public async Task<(SubjectDto Subject, IReadOnlyList<DatedFact> Facts)?> ViewAsync(Guid id, CancellationToken ct)
    {
        if (await subjects.ReadAsync(id, "timeline", ct) is not { } subject)
        {
            return null;
        }
        var record = await db.Set<Subject>().AsNoTracking().FirstAsync(s => s.Id == id, ct);
        var facts = new List<DatedFact> { new(record.CreatedAt, "record", "Subject record made", $"{subject.GivenName} {subject.Surname}") };
        facts.AddRange(record.Addresses.Where(a => a.From is not null).Select(a => new DatedFact(At(a.From!.Value), "address", $"Address from {Day(a.From!.Value)}", a.Text + (a.To is { } to ? $" (until {Day(to)})" : ""))));
        facts.AddRange(record.WarningMarkers.Select(w => new DatedFact(w.AddedAt, "warning", $"Warning marker: {w.Kind}", $"{w.Notes} ({w.AddedBy})")));
        facts.AddRange(record.Links.Where(l => l.From is not null).Select(l => new DatedFact(At(l.From!.Value), "link", $"Link: {l.Type}", l.Source)));
        facts.AddRange(await contributors.AboutAsync("subject", id, ct));
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "subject-timeline", id.ToString(), detail: $"{facts.Count} facts");
        await db.SaveChangesAsync(ct);
        return (subject, [.. facts.OrderBy(f => f.At)]);
    }

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
