using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Pursue;

public sealed record RaiseAction(
    [property: Required(ErrorMessage = "Enter what the action is"), StringLength(200, ErrorMessage = "The title must be 200 characters or fewer")] string? Title,
    [property: StringLength(4000)] string? Description,
    [property: EnumDataType(typeof(ActionPriority), ErrorMessage = "Choose the priority: high, medium or low")] ActionPriority? Priority,
    DateOnly? DueDate,
    int? LineOfEnquiry = null,
    [property: StringLength(256)] string? AllocateTo = null);

/// <summary>One step of an action's life. <see cref="Version"/> is the version read: a step taken on a
/// stale copy is refused with a conflict, never applied.</summary>
public sealed record ActionStep(
    [property: Required(ErrorMessage = "Say which version of the action you are changing")] Guid? Version,
    [property: StringLength(256)] string? AllocateTo = null,
    [property: StringLength(4000)] string? Result = null,
    bool? Accept = null,
    [property: StringLength(2000)] string? Note = null);

public sealed record ActionDto(
    Guid Id, Guid InvestigationId, string Operation, string Reference, int Number, string Title, string Description, ActionPriority Priority,
    DateOnly? DueDate, bool Overdue, int? LineOfEnquiry, ActionState State, Guid? AllocatedToId, string? AllocatedTo,
    string? Result, string? ReviewNote, DateTimeOffset RaisedAt, string RaisedBy, DateTimeOffset? ResultedAt, Guid Version);

public sealed record AddLineOfEnquiry(
    [property: Required(ErrorMessage = "Enter the line of enquiry"), StringLength(200)] string? Title,
    [property: StringLength(2000)] string? Description);

public sealed record LineOfEnquiryDto(int Number, string Title, string Description, int OpenActions);

public sealed record AddPolicyEntry(
    [property: Required(ErrorMessage = "Enter the decision"), StringLength(2000, MinimumLength = 3, ErrorMessage = "The decision must be 3 to 2000 characters")] string? Decision,
    [property: Required(ErrorMessage = "Enter the rationale for the decision"), StringLength(4000, MinimumLength = 3, ErrorMessage = "The rationale must be 3 to 4000 characters")] string? Rationale,
    int? Supersedes = null);

public sealed record PolicyEntryDto(int Number, string Decision, string Rationale, DateTimeOffset RecordedAt, string Author, int? Supersedes, int? SupersededBy);

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

public sealed record AddTimelineEvent(
    [property: Required(ErrorMessage = "Enter when it happened")] DateTimeOffset? OccurredAt,
    [property: Required(ErrorMessage = "Enter what happened"), StringLength(200)] string? Title,
    [property: StringLength(4000)] string? Detail,
    [property: StringLength(200)] string? Source);

public sealed record TimelineItem(DateTimeOffset At, string Kind, string Title, string Detail);

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

public sealed record AddStatement(
    [property: Required(ErrorMessage = "Enter the witness's name"), StringLength(200)] string? Witness,
    [property: Required(ErrorMessage = "Enter the date the statement was taken")] DateOnly? TakenOn,
    [property: Required(ErrorMessage = "Enter the statement"), StringLength(20000, ErrorMessage = "The statement must be 20000 characters or fewer")] string? Text);

public sealed record StatementDto(Guid Id, string Witness, DateOnly TakenOn, string TakenBy, string Text);

/// <summary>The policy file is append-only; this is the one way entries are written.</summary>
public static class PolicyFile
{
    /// <summary>The next number in the investigation's policy file, counting entries added in this unit of work.</summary>
    public static async Task<int> NextNumberAsync(VigilDb db, Guid investigationId, CancellationToken ct) =>
        (await db.Set<PolicyEntry>().Where(p => p.InvestigationId == investigationId).MaxAsync(p => (int?)p.Number, ct) ?? 0)
            + db.ChangeTracker.Entries<PolicyEntry>().Count(e => e.State == EntityState.Added && e.Entity.InvestigationId == investigationId) + 1;

    public static async Task<PolicyEntry> AppendAsync(VigilDb db, Guid investigationId, AccessContext access, string decision, string rationale, int? supersedes, CancellationToken ct)
    {
        var number = await NextNumberAsync(db, investigationId, ct);
        var entry = new PolicyEntry
        {
            InvestigationId = investigationId, Number = number, Decision = decision, Rationale = rationale, Supersedes = supersedes,
            RecordedAt = db.Clock.GetUtcNow(), AuthorId = access.UserId ?? Guid.Empty, AuthorName = access.DisplayName ?? access.UserName ?? "",
        };
        db.Add(entry);
        return entry;
    }
}

/// <summary>The incident room: lines of enquiry and actions (MIRSAP), the SIO's policy file, linked
/// subjects, the sequence of events, ELG meetings and statements.</summary>
public sealed class IncidentRoom(VigilDb db, AccessContext access, InvestigationGate gate, SubjectRecords subjects, DeconflictionService deconfliction)
{
    private DateOnly Today => DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);

    private async Task<(Standing? Standing, WorkResult<T>? Refusal)> TeamAsync<T>(Guid id, bool command, string what, CancellationToken ct)
    {
        var (standing, refusal) = await gate.RequireAsync<T>(id, s => command ? s.HasCommand : s.IsTeam,
            command ? $"Only the SIO or deputy SIO may {what}." : $"Only members of the team may {what}.", ct);
        if (standing is null)
        {
            return (null, refusal);
        }
        if (standing.Investigation.Phase == Phase.Closed)
        {
            return (null, WorkResult<T>.Conflict($"This investigation is closed; you cannot {what}."));
        }
        return (standing, null);
    }

    private async Task<Guid?> TeamMemberByEmailAsync(Investigation investigation, string email, CancellationToken ct)
    {
        var normalised = email.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        return userId is { } id && investigation.Team.Any(m => m.UserId == id) ? id : null;
    }

    // ---- Lines of enquiry ----

    public async Task<WorkResult<LineOfEnquiryDto>> AddLineAsync(Guid id, AddLineOfEnquiry request, CancellationToken ct)
    {
        var (standing, refusal) = await TeamAsync<LineOfEnquiryDto>(id, command: true, "set lines of enquiry", ct);
        if (standing is null)
        {
            return refusal!;
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<LineOfEnquiryDto>.Invalid(errors);
        }
        var line = new LineOfEnquiry { InvestigationId = id, Number = await NextLineAsync(id, ct), Title = request.Title!.Trim(), Description = request.Description?.Trim() ?? "" };
        db.Add(line);
        if (!await db.SaveNumberedAsync(line, async (l, c) => l.Number = await NextLineAsync(id, c), ct))
        {
            return WorkResult<LineOfEnquiryDto>.Conflict("Another line of enquiry was added at the same moment; add this one again.");
        }
        return WorkResult<LineOfEnquiryDto>.Ok(new LineOfEnquiryDto(line.Number, line.Title, line.Description, 0));
    }

    private async Task<int> NextLineAsync(Guid id, CancellationToken ct) =>
        (await db.Set<LineOfEnquiry>().Where(l => l.InvestigationId == id).MaxAsync(l => (int?)l.Number, ct) ?? 0) + 1;

    public async Task<IReadOnlyList<LineOfEnquiryDto>?> LinesAsync(Guid id, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var lines = await db.Set<LineOfEnquiry>().AsNoTracking().Where(l => l.InvestigationId == id).OrderBy(l => l.Number).ToListAsync(ct);
        var open = await db.Set<InvestigationAction>().AsNoTracking().Where(a => a.InvestigationId == id && a.State != ActionState.Filed && a.LineOfEnquiryId != null)
            .GroupBy(a => a.LineOfEnquiryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "lines-of-enquiry", id.ToString(), detail: $"{lines.Count} lines");
        await db.SaveChangesAsync(ct);
        return lines.Select(l => new LineOfEnquiryDto(l.Number, l.Title, l.Description, open.FirstOrDefault(o => o.Key == l.Id)?.Count ?? 0)).ToList();
    }

    // ---- Actions ----

    public async Task<WorkResult<ActionDto>> RaiseAsync(Guid id, RaiseAction request, CancellationToken ct)
    {
        var (standing, refusal) = await TeamAsync<ActionDto>(id, command: false, "raise actions", ct);
        if (standing is null)
        {
            return refusal!;
        }
        var errors = ApiValidation.Validate(request);
        if (request.DueDate is { } due && due < Today)
        {
            ApiValidation.Add(errors, nameof(RaiseAction.DueDate), "The due date must be today or later");
        }
        Guid? lineId = null;
        if (request.LineOfEnquiry is { } lineNumber)
        {
            lineId = await db.Set<LineOfEnquiry>().Where(l => l.InvestigationId == id && l.Number == lineNumber).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(ct);
            if (lineId is null)
            {
                ApiValidation.Add(errors, nameof(RaiseAction.LineOfEnquiry), $"There is no line of enquiry {lineNumber} in this investigation");
            }
        }
        Guid? allocate = null;
        if (!string.IsNullOrWhiteSpace(request.AllocateTo))
        {
            if (!standing.HasCommand)
            {
                ApiValidation.Add(errors, nameof(RaiseAction.AllocateTo), "Only the SIO or deputy SIO allocates actions; raise it unallocated");
            }
            else if ((allocate = await TeamMemberByEmailAsync(standing.Investigation, request.AllocateTo, ct)) is null)
            {
                ApiValidation.Add(errors, nameof(RaiseAction.AllocateTo), "Actions can only be allocated to a member of the team");
            }
        }
        if (errors.Count > 0)
        {
            return WorkResult<ActionDto>.Invalid(errors);
        }
        var action = new InvestigationAction
        {
            InvestigationId = id, Number = await NextActionAsync(id, ct), Title = request.Title!.Trim(), Description = request.Description?.Trim() ?? "",
            Priority = request.Priority ?? ActionPriority.Medium, DueDate = request.DueDate, LineOfEnquiryId = lineId,
            State = allocate is null ? ActionState.Raised : ActionState.Allocated, AllocatedToId = allocate,
            RaisedAt = db.Clock.GetUtcNow(), RaisedBy = access.DisplayName ?? access.UserName ?? "",
        };
        db.Add(action);
        if (!await db.SaveNumberedAsync(action, async (a, c) => a.Number = await NextActionAsync(id, c), ct))
        {
            return WorkResult<ActionDto>.Conflict("Another action was raised at the same moment; raise this one again.");
        }
        return WorkResult<ActionDto>.Ok((await ActionsQuery(db.Set<InvestigationAction>().Where(a => a.Id == action.Id)).ToListAsync(ct)).Select(Project).Single());
    }

    private async Task<int> NextActionAsync(Guid id, CancellationToken ct) =>
        (await db.Set<InvestigationAction>().Where(a => a.InvestigationId == id).MaxAsync(a => (int?)a.Number, ct) ?? 0) + 1;

    public enum ActionMove { Allocate, Result, Review, File }

    /// <summary>Allocate (SIO or deputy, to a team member), result (the allocated officer), review (SIO or
    /// deputy: accept, or send back with a note), file (SIO or deputy, after review).</summary>
    public async Task<WorkResult<ActionDto>> StepAsync(Guid id, Guid actionId, ActionMove step, ActionStep request, CancellationToken ct)
    {
        var (standing, refusal) = await TeamAsync<ActionDto>(id, command: step is not ActionMove.Result, step switch
        {
            ActionMove.Allocate => "allocate actions",
            ActionMove.Review => "review actions",
            ActionMove.File => "file actions",
            _ => "record results",
        }, ct);
        if (standing is null)
        {
            return refusal!;
        }
        var action = await gate.ChildAsync<InvestigationAction>(id, actionId, ct);
        if (action is null)
        {
            return WorkResult<ActionDto>.Missing();
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<ActionDto>.Invalid(errors);
        }
        if (request.Version != action.Version)
        {
            return WorkResult<ActionDto>.Conflict("Someone else changed this action first. Read it again and re-apply your change; nothing was overwritten.");
        }
        var stateError = (step, action.State) switch
        {
            (ActionMove.Allocate, ActionState.Raised or ActionState.Allocated) => null,
            (ActionMove.Allocate, _) => "Only a raised or allocated action can be (re)allocated",
            (ActionMove.Result, ActionState.Allocated) => null,
            (ActionMove.Result, _) => "Only an allocated action can be resulted",
            (ActionMove.Review, ActionState.Resulted) => null,
            (ActionMove.Review, _) => "Only a resulted action can be reviewed",
            (ActionMove.File, ActionState.Reviewed) => null,
            _ => "Only an action the SIO has reviewed can be filed",
        };
        if (stateError is not null)
        {
            return WorkResult<ActionDto>.Conflict(stateError + $"; this one is {action.State.ToString().ToLowerInvariant()}.");
        }
        var now = db.Clock.GetUtcNow();
        switch (step)
        {
            case ActionMove.Allocate:
                var officer = string.IsNullOrWhiteSpace(request.AllocateTo) ? null : await TeamMemberByEmailAsync(standing.Investigation, request.AllocateTo, ct);
                if (officer is null)
                {
                    ApiValidation.Add(errors, nameof(ActionStep.AllocateTo), string.IsNullOrWhiteSpace(request.AllocateTo)
                        ? "Enter the e-mail of the officer to allocate it to" : "Actions can only be allocated to a member of the team");
                    return WorkResult<ActionDto>.Invalid(errors);
                }
                action.AllocatedToId = officer;
                action.State = ActionState.Allocated;
                break;
            case ActionMove.Result:
                if (action.AllocatedToId != access.UserId && !standing.HasCommand)
                {
                    return WorkResult<ActionDto>.Forbidden("Only the officer the action is allocated to may record its result.");
                }
                if (string.IsNullOrWhiteSpace(request.Result))
                {
                    ApiValidation.Add(errors, nameof(ActionStep.Result), "Enter the result of the action");
                    return WorkResult<ActionDto>.Invalid(errors);
                }
                action.Result = request.Result.Trim();
                action.ResultedAt = now;
                action.State = ActionState.Resulted;
                break;
            case ActionMove.Review:
                if (request.Accept is null)
                {
                    ApiValidation.Add(errors, nameof(ActionStep.Accept), "Say whether the result is accepted or the action goes back to the officer");
                    return WorkResult<ActionDto>.Invalid(errors);
                }
                if (request.Accept == false && string.IsNullOrWhiteSpace(request.Note))
                {
                    ApiValidation.Add(errors, nameof(ActionStep.Note), "Say what more is needed when sending an action back");
                    return WorkResult<ActionDto>.Invalid(errors);
                }
                action.ReviewNote = request.Note?.Trim();
                action.State = request.Accept.Value ? ActionState.Reviewed : ActionState.Allocated;
                break;
            case ActionMove.File:
                action.State = ActionState.Filed;
                action.FiledAt = now;
                break;
        }
        action.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WorkResult<ActionDto>.Conflict("Someone else changed this action first. Read it again and re-apply your change; nothing was overwritten.");
        }
        return WorkResult<ActionDto>.Ok((await ActionsQuery(db.Set<InvestigationAction>().Where(a => a.Id == action.Id)).ToListAsync(ct)).Select(Project).Single());
    }

    private IQueryable<ActionRow> ActionsQuery(IQueryable<InvestigationAction> actions) =>
        from a in actions.AsNoTracking()
        join i in db.Set<Investigation>() on a.InvestigationId equals i.Id
        select new ActionRow(a, i.OperationName,
            db.Users.Where(u => u.Id == a.AllocatedToId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Set<LineOfEnquiry>().Where(l => l.Id == a.LineOfEnquiryId).Select(l => (int?)l.Number).FirstOrDefault());

    private sealed record ActionRow(InvestigationAction Action, string Operation, string? AllocatedTo, int? Line);

    private ActionDto Project(ActionRow r)
    {
        var a = r.Action;
        return new ActionDto(a.Id, a.InvestigationId, r.Operation, $"A{a.Number}", a.Number, a.Title, a.Description, a.Priority, a.DueDate,
            a.IsOpen && a.DueDate < Today, r.Line, a.State, a.AllocatedToId, r.AllocatedTo, a.Result, a.ReviewNote, a.RaisedAt, a.RaisedBy, a.ResultedAt, a.Version);
    }

    /// <summary>For the home page: the open actions allocated to the user, and how many of them are overdue
    /// (counts of what the user may see; no record is read).</summary>
    public async Task<(int Open, int Overdue)> MyActionCountsAsync(CancellationToken ct)
    {
        var today = Today;
        var mine = Open(db.Set<InvestigationAction>().Where(a => a.AllocatedToId == access.UserId));
        return (await mine.CountAsync(ct), await Overdue(mine, today).CountAsync(ct));
    }

    /// <summary>Open and overdue, as the action queues and the home page read them.</summary>
    private static IQueryable<InvestigationAction> Open(IQueryable<InvestigationAction> actions) => actions.Where(a => a.State != ActionState.Filed);

    private static IQueryable<InvestigationAction> Overdue(IQueryable<InvestigationAction> actions, DateOnly today) =>
        actions.Where(a => a.DueDate != null && a.DueDate < today);

    public sealed record ActionFilter(ActionState? State = null, bool OpenOnly = false, bool Overdue = false, Guid? Officer = null, bool Mine = false, int? Page = null, int? PageSize = null);

    /// <summary>Actions of one investigation, or across every investigation the user may see (the officer's
    /// queue, the overdue view); audited as a search.</summary>
    public async Task<Paged<ActionDto>?> ActionsAsync(Guid? investigationId, ActionFilter filter, CancellationToken ct)
    {
        if (investigationId is { } id && await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var today = Today;
        var query = db.Set<InvestigationAction>().AsQueryable();
        if (investigationId is { } only)
        {
            query = query.Where(a => a.InvestigationId == only);
        }
        if (filter.State is { } state)
        {
            query = query.Where(a => a.State == state);
        }
        if (filter.OpenOnly || filter.Overdue || filter.Mine)
        {
            query = Open(query);
        }
        if (filter.Overdue)
        {
            query = Overdue(query, today);
        }
        var officer = filter.Mine ? access.UserId : filter.Officer;
        if (officer is not null)
        {
            query = query.Where(a => a.AllocatedToId == officer);
        }
        var (page, size) = Paging.Normalise(filter.Page, filter.PageSize);
        var rows = await ActionsQuery(query).ToListAsync(ct);
        var ordered = rows.OrderBy(r => r.Action.DueDate is null).ThenBy(r => r.Action.DueDate).ThenBy(r => r.Action.Priority).ThenBy(r => r.Operation).ThenBy(r => r.Action.Number).ToList();
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "action", investigationId?.ToString(), detail: $"actions {filter}; {rows.Count} found");
        await db.SaveChangesAsync(ct);
        return new Paged<ActionDto>(ordered.Skip((page - 1) * size).Take(size).Select(Project).ToList(), page, size, rows.Count);
    }

    public async Task<ActionDto?> ActionAsync(Guid id, Guid actionId, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null || await gate.ChildAsync<InvestigationAction>(id, actionId, ct) is null)
        {
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "action", actionId.ToString());
        await db.SaveChangesAsync(ct);
        return (await ActionsQuery(db.Set<InvestigationAction>().Where(a => a.Id == actionId)).ToListAsync(ct)).Select(Project).Single();
    }

    // ---- Policy file ----

    public async Task<WorkResult<PolicyEntryDto>> AddPolicyAsync(Guid id, AddPolicyEntry request, CancellationToken ct)
    {
        var (standing, refusal) = await TeamAsync<PolicyEntryDto>(id, command: true, "write in the policy file", ct);
        if (standing is null)
        {
            return refusal!;
        }
        var errors = ApiValidation.Validate(request);
        if (request.Supersedes is { } old && !await db.Set<PolicyEntry>().AnyAsync(p => p.InvestigationId == id && p.Number == old, ct))
        {
            ApiValidation.Add(errors, nameof(AddPolicyEntry.Supersedes), $"There is no policy entry {old} to supersede");
        }
        if (errors.Count > 0)
        {
            return WorkResult<PolicyEntryDto>.Invalid(errors);
        }
        var entry = await PolicyFile.AppendAsync(db, id, access, request.Decision!.Trim(), request.Rationale!.Trim(), request.Supersedes, ct);
        if (!await db.SaveNumberedAsync(entry, async (e, c) => e.Number = await PolicyFile.NextNumberAsync(db, id, c), ct))
        {
            return WorkResult<PolicyEntryDto>.Conflict("Another entry was written at the same moment; write this one again.");
        }
        return WorkResult<PolicyEntryDto>.Ok(new PolicyEntryDto(entry.Number, entry.Decision, entry.Rationale, entry.RecordedAt, entry.AuthorName, entry.Supersedes, null));
    }

    public async Task<IReadOnlyList<PolicyEntryDto>?> PolicyFileAsync(Guid id, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var entries = await db.Set<PolicyEntry>().AsNoTracking().Where(p => p.InvestigationId == id).OrderBy(p => p.Number).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "policy-file", id.ToString(), detail: $"{entries.Count} entries");
        await db.SaveChangesAsync(ct);
        return entries.Select(e => new PolicyEntryDto(e.Number, e.Decision, e.Rationale, e.RecordedAt, e.AuthorName, e.Supersedes,
            entries.Where(l => l.Supersedes == e.Number).Select(l => (int?)l.Number).FirstOrDefault())).ToList();
    }

    /// <summary>Any attempt to change or delete a policy entry: refused (409) when the entry is visible,
    /// 404 otherwise; both audited.</summary>
    public async Task<WorkResult<bool>> RefuseEditAsync(Guid id, int number, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null || !await db.Set<PolicyEntry>().AnyAsync(p => p.InvestigationId == id && p.Number == number, ct))
        {
            return WorkResult<bool>.Missing();
        }
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "policy-entry", $"{id}/{number}", detail: "attempt to edit a policy entry");
        await db.SaveChangesAsync(ct);
        return WorkResult<bool>.Conflict($"Policy entries are never edited or deleted. Record a new entry that supersedes entry {number}.");
    }

    // ---- Subjects ----

    public async Task<WorkResult<LinkOutcome>> LinkSubjectAsync(Guid id, LinkSubject request, CancellationToken ct)
    {
        var (standing, refusal) = await TeamAsync<LinkOutcome>(id, command: false, "link subjects", ct);
        if (standing is null)
        {
            return refusal!;
        }
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
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await LinkInsideAsync(id, standing.Investigation, request, errors, ct);
        await transaction.CommitAsync(ct);
        return outcome;
    }

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
            }, ct);
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

    // ---- Sequence of events ----

    public async Task<WorkResult<TimelineItem>> AddEventAsync(Guid id, AddTimelineEvent request, CancellationToken ct)
    {
        var (standing, refusal) = await TeamAsync<TimelineItem>(id, command: false, "add to the sequence of events", ct);
        if (standing is null)
        {
            return refusal!;
        }
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
    }

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
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "timeline", id.ToString(), detail: $"{items.Count} items");
        await db.SaveChangesAsync(ct);
        return items.OrderBy(t => t.At).ToList();
    }

    // ---- Executive Liaison Group ----

    public async Task<WorkResult<ElgMeetingDto>> RecordElgAsync(Guid id, RecordElgMeeting request, IOrganisationDirectory directory, CancellationToken ct)
    {
        var (standing, refusal) = await TeamAsync<ElgMeetingDto>(id, command: true, "record ELG meetings", ct);
        if (standing is null)
        {
            return refusal!;
        }
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
    }

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

    // ---- Statements ----

    public async Task<WorkResult<StatementDto>> AddStatementAsync(Guid id, AddStatement request, CancellationToken ct)
    {
        var (standing, refusal) = await TeamAsync<StatementDto>(id, command: false, "record statements", ct);
        if (standing is null)
        {
            return refusal!;
        }
        var errors = ApiValidation.Validate(request);
        if (request.TakenOn > Today)
        {
            ApiValidation.Add(errors, nameof(AddStatement.TakenOn), "The statement date cannot be in the future");
        }
        if (errors.Count > 0)
        {
            return WorkResult<StatementDto>.Invalid(errors);
        }
        var statement = new WitnessStatement { InvestigationId = id, Witness = request.Witness!.Trim(), TakenOn = request.TakenOn!.Value, TakenBy = access.DisplayName ?? access.UserName ?? "", Text = request.Text!.Trim() };
        db.Add(statement);
        await db.SaveChangesAsync(ct);
        return WorkResult<StatementDto>.Ok(new StatementDto(statement.Id, statement.Witness, statement.TakenOn, statement.TakenBy, statement.Text));
    }

    public async Task<IReadOnlyList<StatementDto>?> StatementsAsync(Guid id, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var statements = await db.Set<WitnessStatement>().AsNoTracking().Where(s => s.InvestigationId == id).OrderBy(s => s.TakenOn).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "statements", id.ToString(), detail: $"{statements.Count} statements");
        await db.SaveChangesAsync(ct);
        return statements.Select(s => new StatementDto(s.Id, s.Witness, s.TakenOn, s.TakenBy, s.Text)).ToList();
    }
}
