using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Links;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Pursue;

/// <summary>A dated event for the sequence of events (the rest of the timeline is drawn from other records).</summary>
public sealed class TimelineEvent : IProtectedChild<TimelineEvent, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Title { get; set; }
    public string Detail { get; set; } = "";
    public string Source { get; set; } = "";
    public required string AddedBy { get; set; }

    public static Expression<Func<TimelineEvent, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "timeline-event";
    public string AuditRecordId => Id.ToString();
}

public sealed record AddTimelineEvent(
    [property: Required(ErrorMessage = "Enter when it happened")] DateTimeOffset? OccurredAt,
    [property: Required(ErrorMessage = "Enter what happened"), StringLength(200)] string? Title,
    [property: StringLength(4000)] string? Detail,
    [property: StringLength(200)] string? Source);

public sealed record TimelineItem(DateTimeOffset At, string Kind, string Title, string Detail, string? Href = null);

/// <summary>The sequence of events: dated events, and what other records contribute.</summary>
public sealed partial class IncidentRoom
{

    public Task<WorkResult<TimelineItem>> AddEventAsync(Guid id, AddTimelineEvent request, CancellationToken ct) =>
        TeamAsync<TimelineItem>(id, command: false, "add to the sequence of events", async (standing, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (request.OccurredAt > db.Clock.GetUtcNow().AddMinutes(5))
            {
                ApiValidation.Add(errors, nameof(AddTimelineEvent.OccurredAt), "An event in the sequence must already have happened");
            }
            if (errors.Count > 0)
            {
                return WorkResult<TimelineItem>.Invalid(errors);
            }
            var item = new TimelineEvent
            {
                InvestigationId = id, OccurredAt = request.OccurredAt!.Value, Title = request.Title!.Trim(), Detail = request.Detail?.Trim() ?? "",
                Source = request.Source?.Trim() ?? "", AddedBy = access.DisplayName ?? access.UserName ?? "",
            };
            db.Add(item);
            await db.SaveChangesAsync(ct);
            return WorkResult<TimelineItem>.Ok(new TimelineItem(item.OccurredAt, "event", item.Title, item.Detail));
        }, ct);

    /// <summary>The sequence of events: recorded events with every other dated item of the investigation.</summary>
    public async Task<IReadOnlyList<TimelineItem>?> TimelineAsync(Guid id, CancellationToken ct)
    {
        var standing = await gate.EnterAsync(id, ct, track: false);
        if (standing is null)
        {
            return null;
        }
        var i = standing.Investigation;
        var items = new List<TimelineItem> { new(i.OpenedAt, "opened", $"{i.OperationName} opened", "") };
        items.AddRange(i.PhaseChanges.Select(p => new TimelineItem(p.At, "phase", $"{PhaseNames.Display(p.From)} to {PhaseNames.Display(p.To)}", $"{p.Reason} ({p.By})")));
        items.AddRange((await db.Set<TimelineEvent>().AsNoTracking().Where(e => e.InvestigationId == id).ToListAsync(ct))
            .Select(e => new TimelineItem(e.OccurredAt, "event", e.Title, string.Join(" ", new[] { e.Detail, e.Source.Length > 0 ? $"(source: {e.Source})" : "" }.Where(s => s.Length > 0)))));
        items.AddRange((await db.Set<PolicyEntry>().AsNoTracking().Where(p => p.InvestigationId == id).ToListAsync(ct))
            .Select(p => new TimelineItem(p.RecordedAt, "policy", $"Policy entry {p.Number}: {p.Decision}", p.AuthorName)));
        items.AddRange((await db.Set<ElgMeeting>().AsNoTracking().Where(m => m.InvestigationId == id).ToListAsync(ct))
            .Select(m => new TimelineItem(m.HeldAt, "elg", "Executive Liaison Group met", string.Join("; ", m.Decisions.Select(d => d.Decision)))));
        items.AddRange((await db.Set<Exhibit>().AsNoTracking().Where(e => e.InvestigationId == id).ToListAsync(ct))
            .Select(e => new TimelineItem(e.SeizedAt, "exhibit", $"Exhibit {e.Reference} seized", $"{e.Description}, from {e.SeizedFrom} by {e.SeizedBy}")));
        items.AddRange((await db.Set<InvestigationAction>().AsNoTracking().Where(a => a.InvestigationId == id && a.ResultedAt != null).ToListAsync(ct))
            .Select(a => new TimelineItem(a.ResultedAt!.Value, "action", $"Action A{a.Number} resulted: {a.Title}", a.Result ?? "")));
        // What other modules hold about the investigation (intelligence reports linked to it), as the user may see it.
        items.AddRange((await contributors.AboutAsync("investigation", id, ct)).Select(f => new TimelineItem(f.At, f.Kind, f.Title, f.Detail, f.Href)));
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "timeline", id.ToString(), detail: $"{items.Count} items");
        await db.SaveChangesAsync(ct);
        return items.OrderBy(t => t.At).ToList();
    }

    internal static void MapTimeline(RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}/timeline", (Guid id, IncidentRoom room, CancellationToken ct) => room.TimelineAsync(id, ct).AsFound())
            .WithSummary("The sequence of events, drawn from every record of the investigation");
        api.MapPost("/{id:guid}/timeline", (Guid id, AddTimelineEvent request, IncidentRoom room, CancellationToken ct) =>
            room.AddEventAsync(id, request, ct).AsCreated(_ => $"/api/v1/investigations/{id}/timeline"))
            .WithSummary("Add a dated event to the sequence of events");
    }
}
