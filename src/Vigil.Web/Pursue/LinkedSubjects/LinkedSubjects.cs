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

public enum SubjectRole { Suspect, Associate, Witness, Victim }

/// <summary>A person from the Subjects module linked to the investigation in a role.</summary>
public sealed class InvestigationSubject : IProtectedChild<InvestigationSubject, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public Guid SubjectId { get; set; }
    public SubjectRole Role { get; set; }
    public string Notes { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedBy { get; set; }

    public static Expression<Func<InvestigationSubject, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "investigation-subject";
    public string AuditRecordId => Id.ToString();
}

public sealed record LinkSubject
{
    /// <summary>An existing subject record; or leave empty and describe a new person in <see cref="Person"/>.</summary>
    public Guid? SubjectId { get; init; }
    public SubjectRequest? Person { get; init; }
    [Required(ErrorMessage = "Choose the person's role in the investigation"), EnumDataType(typeof(SubjectRole), ErrorMessage = "Choose the person's role in the investigation")]
    public SubjectRole? Role { get; init; }
    [StringLength(1000)]
    public string? Notes { get; init; }
}

public sealed record LinkedSubjectDto(Guid SubjectId, string Name, DateOnly? DateOfBirth, SubjectRole Role, string Notes, DateTimeOffset AddedAt, string AddedBy, IReadOnlyList<string> WarningMarkers);

/// <summary>The subject linked, with what the deconfliction check found elsewhere; or, for a new person,
/// the candidates to look at first (nothing is linked until they are set aside).</summary>
public sealed record LinkOutcome(LinkedSubjectDto? Linked, IReadOnlyList<DeconflictionHit> Hits, bool NeedsAcknowledgement);

/// <summary>People linked to the investigation, through the deconfliction check.</summary>
public sealed partial class IncidentRoom
{

    public Task<WorkResult<LinkOutcome>> LinkSubjectAsync(Guid id, LinkSubject request, CancellationToken ct) =>
        TeamAsync<LinkOutcome>(id, command: false, "link subjects", async (standing, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (request.SubjectId is null && request.Person is null)
            {
                ApiValidation.Add(errors, nameof(LinkSubject.SubjectId), "Choose an existing subject or describe a new person");
            }
            if (request.SubjectId is { } sid && await db.Set<InvestigationSubject>().AnyAsync(s => s.InvestigationId == id && s.SubjectId == sid, ct))
            {
                ApiValidation.Add(errors, nameof(LinkSubject.SubjectId), "This person is already linked to the investigation");
            }
            if (errors.Count > 0)
            {
                return WorkResult<LinkOutcome>.Invalid(errors);
            }
            // The new person, the check's audit and the link are saved together or not at all.
            await using var transaction = await db.BeginWriteAsync(ct);
            var outcome = await LinkInsideAsync(id, standing.Investigation, request, errors, ct);
            await transaction.CommitAsync(ct);
            return outcome;
        }, ct);

    private async Task<WorkResult<LinkOutcome>> LinkInsideAsync(Guid id, Investigation investigation, LinkSubject request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var purpose = $"{investigation.OperationName}: linking a {request.Role!.Value.ToString().ToLowerInvariant()}";
        SubjectDto? subject;
        IReadOnlyList<DeconflictionHit> hits = [];
        if (request.SubjectId is { } existing)
        {
            subject = await subjects.ReadAsync(existing, purpose, ct);
            if (subject is null)
            {
                ApiValidation.Add(errors, nameof(LinkSubject.SubjectId), "There is no subject with that reference");
                return WorkResult<LinkOutcome>.Invalid(errors);
            }
            // Deconfliction runs whenever someone is added: is this person known elsewhere, and to whom?
            var check = await deconfliction.CheckAsync(new DeconflictionRequest
            {
                Purpose = purpose,
                Person = new PersonQuery(subject.GivenName, subject.Surname, subject.DateOfBirth, subject.Gender),
            }, ct, checking: existing);
            if (check.Status == WorkStatus.TooMany)
            {
                return check.As<LinkOutcome>();
            }
            hits = check.Value?.Hits.Where(h => h.Subject?.Id != existing).ToList() ?? [];
        }
        else
        {
            var person = request.Person! with
            {
                OwningUnit = null,
                Classification = request.Person!.Classification ?? investigation.Classification,
                NeedToKnowGroups = request.Person.NeedToKnowGroups is { Count: > 0 } groups ? groups : [investigation.GroupId],
            };
            var creation = await subjects.CreateAsync(person, ct);
            if (creation.Status == WorkStatus.TooMany)
            {
                return creation.As<LinkOutcome>();
            }
            if (creation.Value is { Candidates.Count: > 0 } found)
            {
                return WorkResult<LinkOutcome>.Ok(new LinkOutcome(null, found.Candidates, NeedsAcknowledgement: true));
            }
            if (creation.Value?.Created is not { } created)
            {
                return WorkResult<LinkOutcome>.Invalid(creation.Errors.ToDictionary(e => $"Person.{e.Key}", e => e.Value));
            }
            subject = created;
        }
        var link = new InvestigationSubject
        {
            InvestigationId = id, SubjectId = subject.Id, Role = request.Role.Value, Notes = request.Notes?.Trim() ?? "",
            AddedAt = db.Clock.GetUtcNow(), AddedBy = access.DisplayName ?? access.UserName ?? "",
        };
        db.Add(link);
        await db.SaveChangesAsync(ct);
        return WorkResult<LinkOutcome>.Ok(new LinkOutcome(
            new LinkedSubjectDto(subject.Id, $"{subject.GivenName} {subject.Surname}", subject.DateOfBirth, link.Role, link.Notes, link.AddedAt, link.AddedBy,
                subject.Details.WarningMarkers.Select(w => w.Kind.ToString()).ToList()),
            hits, NeedsAcknowledgement: false));
    }

    /// <summary>The people linked to the investigation. A linked subject the user may not see (restricted
    /// by its own owner) is listed as withheld, never shown.</summary>
    public async Task<IReadOnlyList<LinkedSubjectDto>?> SubjectsAsync(Guid id, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var links = await db.Set<InvestigationSubject>().AsNoTracking().Where(s => s.InvestigationId == id).OrderBy(s => s.Role).ThenBy(s => s.AddedAt).ToListAsync(ct);
        var ids = links.Select(l => l.SubjectId).ToList();
        var people = await db.Set<Subject>().AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "investigation-subjects", id.ToString(), detail: $"{links.Count} linked: {string.Join(",", ids)}");
        await db.SaveChangesAsync(ct);
        return links.Select(l => people.TryGetValue(l.SubjectId, out var s)
            ? new LinkedSubjectDto(l.SubjectId, s.FullName, s.DateOfBirth, l.Role, l.Notes, l.AddedAt, l.AddedBy, s.WarningMarkers.Select(w => w.Kind.ToString()).ToList())
            : new LinkedSubjectDto(l.SubjectId, "(withheld: restricted by its owner)", null, l.Role, l.Notes, l.AddedAt, l.AddedBy, [])).ToList();
    }

    internal static void MapSubjects(RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}/subjects", (Guid id, IncidentRoom room, CancellationToken ct) => room.SubjectsAsync(id, ct).AsFound())
            .WithSummary("The people linked to the investigation, in their roles");
        api.MapPost("/{id:guid}/subjects", async (Guid id, LinkSubject request, IncidentRoom room, CancellationToken ct) =>
            (await room.LinkSubjectAsync(id, request, ct)).Answer(o => TypedResults.Created($"/api/v1/investigations/{id}/subjects", o),
                refuse: o => o.NeedsAcknowledgement
                    ? Refused.Conflict("A deconfliction check found possible matches. Link one of them by subjectId, or send the person again with \"acknowledgedCandidates\": true.",
                        "This person may already be known", new Dictionary<string, object?> { ["candidates"] = o.Hits })
                    : null))
            .WithSummary("Link a known subject, or a new person after the deconfliction check (409 lists the possible matches first)");
    }
}
