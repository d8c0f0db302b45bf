using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Pursue;

/// <summary>A meeting of the Executive Liaison Group for a high-risk case. It may be shared with named
/// partner agencies, whose members then see this meeting (and nothing else of the investigation).</summary>
public sealed class ElgMeeting : IProtectedChild<ElgMeeting, Investigation>, IPartnerShared, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public DateTimeOffset HeldAt { get; set; }
    public string OperationName { get; set; } = "";
    public List<ElgAttendee> Attendees { get; set; } = [];
    public List<ElgDecision> Decisions { get; set; } = [];
    public Classification Classification { get; set; }
    public List<PartnerShare> SharedWith { get; set; } = [];
    public required string RecordedBy { get; set; }

    public static Expression<Func<ElgMeeting, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "elg-meeting";
    public string AuditRecordId => Id.ToString();
}

public sealed class ElgAttendee
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The unit or partner agency they came from, as a name.</summary>
    public required string Organisation { get; set; }
}

/// <summary>What the ELG weighed: gathering evidence against protecting the public.</summary>
public enum ElgBalance { EvidenceGathering, PublicSafety, Both }

public sealed class ElgDecision
{
    public int Id { get; set; }
    public required string Decision { get; set; }
    public required string Rationale { get; set; }
    public ElgBalance Balance { get; set; }
    /// <summary>The ELG agreed that executive action (arrests) may go ahead.</summary>
    public bool AuthorisesExecutiveAction { get; set; }
}

public sealed record RecordElgMeeting(
    [property: Required(ErrorMessage = "Enter when the meeting was held")] DateTimeOffset? HeldAt,
    [property: Required(ErrorMessage = "List who attended")] IReadOnlyList<ElgAttendeeDto>? Attendees,
    [property: Required(ErrorMessage = "Record at least one decision")] IReadOnlyList<ElgDecisionDto>? Decisions,
    IReadOnlyList<string>? ShareWith = null);

public sealed record ElgAttendeeDto(
    [property: Required(ErrorMessage = "Enter each attendee's name"), StringLength(200)] string? Name,
    [property: Required(ErrorMessage = "Enter each attendee's unit or agency"), StringLength(200)] string? Organisation);

public sealed record ElgDecisionDto(
    [property: Required(ErrorMessage = "Enter each decision"), StringLength(2000)] string? Decision,
    [property: Required(ErrorMessage = "Enter the rationale of each decision"), StringLength(4000)] string? Rationale,
    [property: EnumDataType(typeof(ElgBalance), ErrorMessage = "Choose what the decision weighed")] ElgBalance Balance = ElgBalance.Both,
    bool AuthorisesExecutiveAction = false);

public sealed record ElgMeetingDto(Guid Id, Guid InvestigationId, string Operation, DateTimeOffset HeldAt, IReadOnlyList<ElgAttendeeDto> Attendees,
    IReadOnlyList<ElgDecisionDto> Decisions, IReadOnlyList<string> SharedWith, string RecordedBy, Classification Classification);

/// <summary>The Executive Liaison Group's meetings, and those shared with a partner agency.</summary>
public sealed partial class IncidentRoom
{

    public Task<WorkResult<ElgMeetingDto>> RecordElgAsync(Guid id, RecordElgMeeting request, IOrganisationDirectory directory, CancellationToken ct) =>
        TeamAsync<ElgMeetingDto>(id, command: true, "record ELG meetings", async (standing, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            foreach (var (k, v) in (request.Attendees ?? []).SelectMany(a => ApiValidation.Validate(a)).Concat((request.Decisions ?? []).SelectMany(d => ApiValidation.Validate(d))))
            {
                foreach (var message in v)
                {
                    ApiValidation.Add(errors, k, message);
                }
            }
            if (request.Attendees is { Count: 0 })
            {
                ApiValidation.Add(errors, nameof(RecordElgMeeting.Attendees), "List who attended");
            }
            if (request.Decisions is { Count: 0 })
            {
                ApiValidation.Add(errors, nameof(RecordElgMeeting.Decisions), "Record at least one decision");
            }
            if (request.HeldAt > db.Clock.GetUtcNow().AddMinutes(5))
            {
                ApiValidation.Add(errors, nameof(RecordElgMeeting.HeldAt), "Record a meeting once it has been held");
            }
            var partners = (await directory.PartnersAsync(ct)).ToDictionary(p => p.Code);
            var shares = new List<PartnerShare>();
            foreach (var code in request.ShareWith ?? [])
            {
                if (partners.TryGetValue(code, out var partner))
                {
                    shares.Add(new PartnerShare { AgencyId = partner.Id });
                }
                else
                {
                    ApiValidation.Add(errors, nameof(RecordElgMeeting.ShareWith), $"There is no partner agency '{code}'");
                }
            }
            if (errors.Count > 0)
            {
                return WorkResult<ElgMeetingDto>.Invalid(errors);
            }
            var i = standing.Investigation;
            var meeting = new ElgMeeting
            {
                InvestigationId = id, OperationName = i.OperationName, HeldAt = request.HeldAt!.Value, Classification = i.Classification,
                RecordedBy = access.DisplayName ?? access.UserName ?? "", SharedWith = shares,
                Attendees = request.Attendees!.Select(a => new ElgAttendee { Name = a.Name!.Trim(), Organisation = a.Organisation!.Trim() }).ToList(),
                Decisions = request.Decisions!.Select(d => new ElgDecision { Decision = d.Decision!.Trim(), Rationale = d.Rationale!.Trim(), Balance = d.Balance, AuthorisesExecutiveAction = d.AuthorisesExecutiveAction }).ToList(),
            };
            db.Add(meeting);
            await db.SaveChangesAsync(ct);
            return WorkResult<ElgMeetingDto>.Ok(ToDto(meeting, partners.Values.ToList()));
        }, ct);

    private static ElgMeetingDto ToDto(ElgMeeting m, IReadOnlyList<UnitOrAgency> partners) => new(
        m.Id, m.InvestigationId, m.OperationName, m.HeldAt,
        m.Attendees.Select(a => new ElgAttendeeDto(a.Name, a.Organisation)).ToList(),
        m.Decisions.Select(d => new ElgDecisionDto(d.Decision, d.Rationale, d.Balance, d.AuthorisesExecutiveAction)).ToList(),
        m.SharedWith.Select(s => partners.FirstOrDefault(p => p.Id == s.AgencyId)?.Name ?? "").ToList(), m.RecordedBy, m.Classification);

    public async Task<IReadOnlyList<ElgMeetingDto>?> ElgMeetingsAsync(Guid id, IOrganisationDirectory directory, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var partners = await directory.PartnersAsync(ct);
        var meetings = await db.Set<ElgMeeting>().AsNoTracking().Where(m => m.InvestigationId == id).OrderBy(m => m.HeldAt).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "elg-meetings", id.ToString(), detail: $"{meetings.Count} meetings");
        await db.SaveChangesAsync(ct);
        return meetings.Select(m => ToDto(m, partners)).ToList();
    }

    /// <summary>ELG meetings shared with the user's partner agency: all a partner sees of Pursue.</summary>
    public async Task<IReadOnlyList<ElgMeetingDto>> SharedWithMyAgencyAsync(IOrganisationDirectory directory, CancellationToken ct)
    {
        if (access.PartnerAgencyId is null)
        {
            return [];
        }
        var partners = await directory.PartnersAsync(ct);
        var agency = access.PartnerAgencyId;
        var meetings = await db.Set<ElgMeeting>().AsNoTracking().Where(m => m.SharedWith.Any(s => s.AgencyId == agency)).OrderByDescending(m => m.HeldAt).ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "elg-meeting", null, detail: $"shared with partner agency; {meetings.Count}: {string.Join(",", meetings.Select(m => m.Id))}");
        await db.SaveChangesAsync(ct);
        return meetings.Select(m => ToDto(m, partners)).ToList();
    }

    internal static void MapElg(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapGet("/{id:guid}/elg-meetings", (Guid id, IncidentRoom room, IOrganisationDirectory directory, CancellationToken ct) =>
            room.ElgMeetingsAsync(id, directory, ct).AsFound())
            .WithSummary("The Executive Liaison Group's meetings for this investigation");
        api.MapPost("/{id:guid}/elg-meetings", (Guid id, RecordElgMeeting request, IncidentRoom room, IOrganisationDirectory directory, CancellationToken ct) =>
            room.RecordElgAsync(id, request, directory, ct).AsCreated(m => $"/api/v1/investigations/{id}/elg-meetings"))
            .WithSummary("Record an ELG meeting: attendees, what was weighed, decisions, and the partner agencies it is shared with (SIO or deputy)");
        app.MapGet("/api/v1/partner/elg-meetings", async (IncidentRoom room, IOrganisationDirectory directory, CancellationToken ct) =>
                TypedResults.Ok(await room.SharedWithMyAgencyAsync(directory, ct)))
            .RequireAuthorization(SecuritySetup.ApiPolicy).WithTags("Investigations")
            .WithSummary("For a partner agency's members: the ELG meetings shared with their agency, and nothing else");
    }
}
