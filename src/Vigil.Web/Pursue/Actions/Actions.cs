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

public enum ActionPriority { High, Medium, Low }

/// <summary>MIRSAP: raised, allocated to an officer of the team, resulted, reviewed by the SIO, filed.
/// A review that is not satisfied sends the action back to its officer.</summary>
public enum ActionState { Raised, Allocated, Resulted, Reviewed, Filed }

public sealed class InvestigationAction : IProtectedChild<InvestigationAction, Investigation>, IAuditedRecord, Platform.Search.ISearchable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    /// <summary>A1, A2... within the investigation.</summary>
    public int Number { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public ActionPriority Priority { get; set; }
    public DateOnly? DueDate { get; set; }
    public Guid? LineOfEnquiryId { get; set; }
    public ActionState State { get; set; }
    public Guid? AllocatedToId { get; set; }
    public string? Result { get; set; }
    public string? ReviewNote { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public required string RaisedBy { get; set; }
    public DateTimeOffset? ResultedAt { get; set; }
    public DateTimeOffset? FiledAt { get; set; }
    /// <summary>Optimistic concurrency: an edit from a stale copy gets a conflict, never overwrites.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOpen => State is not ActionState.Filed;

    public string SearchType => "action";

    public Platform.Search.SearchDocument SearchDocument() => new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Action A{Number}: {Title}"),
        string.Join(" ", Description, Result ?? ""), [], $"/investigations/{InvestigationId}/actions/{Id}",
        DateOnly.FromDateTime(RaisedAt.UtcDateTime), null, typeof(Investigation), InvestigationId);

    // ---- The rules: the use case refuses with these and the pages offer only what they allow. ----

    /// <summary>Why <paramref name="actor"/> may not take <paramref name="move"/> on this action now (null: they
    /// may). MIRSAP: the SIO or deputy allocates, reviews and files; the allocated officer (or the SIO or
    /// deputy) records the result; each step only from the state before it; nothing once the investigation
    /// is closed.</summary>
    public Refusal? WhyNot(ActionMove move, ActionActor actor)
    {
        if (move is ActionMove.Result ? !actor.IsTeam : !actor.HasCommand)
        {
            return Refusal.Forbidden(move is ActionMove.Result ? $"Only members of the team may {Verb(move)}." : $"Only the SIO or deputy SIO may {Verb(move)}.");
        }
        if (actor.InvestigationClosed)
        {
            return Refusal.Conflict($"This investigation is closed; you cannot {Verb(move)}.");
        }
        var wrongState = (move, State) switch
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
        if (wrongState is not null)
        {
            return Refusal.Conflict(wrongState + $"; this one is {State.ToString().ToLowerInvariant()}.");
        }
        if (move is ActionMove.Result && AllocatedToId != actor.UserId && !actor.HasCommand)
        {
            return Refusal.Forbidden("Only the officer the action is allocated to may record its result.");
        }
        return null;
    }

    public static string Verb(ActionMove move) => move switch
    {
        ActionMove.Allocate => "allocate actions",
        ActionMove.Review => "review actions",
        ActionMove.File => "file actions",
        _ => "record results",
    };

    public static Expression<Func<InvestigationAction, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "action";
    public string AuditRecordId => Id.ToString();
}

/// <summary>The steps of an action's life after it is raised.</summary>
public enum ActionMove { Allocate, Result, Review, File }

/// <summary>Who is taking a step on an action: their part in its investigation, and whether it is closed.</summary>
public sealed record ActionActor(Guid? UserId, bool IsTeam, bool HasCommand, bool InvestigationClosed)
{
    public static ActionActor Of(Standing standing, Guid? userId) =>
        new(userId, standing.IsTeam, standing.HasCommand, standing.Investigation.Phase == Phase.Closed);
}

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
    string? Result, string? ReviewNote, DateTimeOffset RaisedAt, string RaisedBy, DateTimeOffset? ResultedAt, Guid Version,
    IReadOnlyList<StepRule<ActionMove>> Steps);

/// <summary>Actions (MIRSAP): raised, allocated, resulted, reviewed and filed, with the officer's queue.</summary>
public sealed partial class IncidentRoom
{

    public Task<WorkResult<ActionDto>> RaiseAsync(Guid id, RaiseAction request, CancellationToken ct) =>
        TeamAsync<ActionDto>(id, command: false, "raise actions", async (standing, ct) =>
        {
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
        }, ct);

    private async Task<int> NextActionAsync(Guid id, CancellationToken ct) =>
        (await db.Set<InvestigationAction>().Where(a => a.InvestigationId == id).MaxAsync(a => (int?)a.Number, ct) ?? 0) + 1;

    /// <summary>Allocate (SIO or deputy, to a team member), result (the allocated officer), review (SIO or
    /// deputy: accept, or send back with a note), file (SIO or deputy, after review).</summary>
    public Task<WorkResult<ActionDto>> StepAsync(Guid id, Guid actionId, ActionMove step, ActionStep request, CancellationToken ct) =>
        gate.ForChildAsync<InvestigationAction, ActionDto>(id, actionId, _ => true, "", async (standing, action, ct) =>
        {
            // Who may is answered first; the state is checked after the request and its version, so that a
            // stale form is told so rather than told the state it did not see.
            var refusal = action.WhyNot(step, ActionActor.Of(standing, access.UserId));
            if (refusal?.Status is WorkStatus.Forbidden)
            {
                return WorkResult<ActionDto>.Refused(refusal);
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
            if (refusal is not null)
            {
                return WorkResult<ActionDto>.Refused(refusal);
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
        }, ct);

    private IQueryable<ActionRow> ActionsQuery(IQueryable<InvestigationAction> actions)
    {
        var me = access.UserId;
        return from a in actions.AsNoTracking()
               join i in db.Set<Investigation>() on a.InvestigationId equals i.Id
               select new ActionRow(a, i.OperationName,
                   db.Users.Where(u => u.Id == a.AllocatedToId).Select(u => u.DisplayName).FirstOrDefault(),
                   db.Set<LineOfEnquiry>().Where(l => l.Id == a.LineOfEnquiryId).Select(l => (int?)l.Number).FirstOrDefault(),
                   new ActionActor(me, i.Team.Any(m => m.UserId == me), i.Team.Any(m => m.UserId == me && (m.Role == TeamRole.Sio || m.Role == TeamRole.DeputySio)),
                       i.Phase == Phase.Closed));
    }

    private sealed record ActionRow(InvestigationAction Action, string Operation, string? AllocatedTo, int? Line, ActionActor You);

    private ActionDto Project(ActionRow r)
    {
        var a = r.Action;
        return new ActionDto(a.Id, a.InvestigationId, r.Operation, $"A{a.Number}", a.Number, a.Title, a.Description, a.Priority, a.DueDate,
            a.IsOpen && a.DueDate < Today, r.Line, a.State, a.AllocatedToId, r.AllocatedTo, a.Result, a.ReviewNote, a.RaisedAt, a.RaisedBy, a.ResultedAt, a.Version,
            StepRule<ActionMove>.For(move => a.WhyNot(move, r.You)));
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

    public sealed record ActionQuery(ActionState? State, bool? Open, bool? Overdue, Guid? Officer, bool? Mine, int? Page, int? PageSize)
    {
        public ActionFilter ToFilter() => new(State, Open ?? false, Overdue ?? false, Officer, Mine ?? false, Page, PageSize);
    }

    internal static void MapActions(RouteGroupBuilder api)
    {
        api.MapGet("/actions", async ([AsParameters] ActionQuery q, IncidentRoom room, CancellationToken ct) =>
            TypedResults.Ok(await room.ActionsAsync(null, q.ToFilter(), ct)))
            .WithSummary("Actions across every investigation you may see: your queue (mine=true), overdue ones, by officer or state");
        api.MapGet("/{id:guid}/actions", (Guid id, [AsParameters] ActionQuery q, IncidentRoom room, CancellationToken ct) =>
            room.ActionsAsync(id, q.ToFilter(), ct).AsFound())
            .WithSummary("The investigation's actions, paged");
        api.MapPost("/{id:guid}/actions", (Guid id, RaiseAction request, IncidentRoom room, CancellationToken ct) =>
            room.RaiseAsync(id, request, ct).AsCreated(a => $"/api/v1/investigations/{id}/actions/{a.Id}"))
            .WithSummary("Raise an action (any member of the team; the SIO or deputy may allocate it at once)");
        api.MapGet("/{id:guid}/actions/{actionId:guid}", (Guid id, Guid actionId, IncidentRoom room, CancellationToken ct) =>
            room.ActionAsync(id, actionId, ct).AsFound())
            .WithSummary("One action of the investigation, with its state, officer and result");
        api.MapPost("/{id:guid}/actions/{actionId:guid}/{step}", async Task<Results<Ok<ActionDto>, NotFound, ValidationProblem, Refused>> (
                Guid id, Guid actionId, string step, ActionStep request, IncidentRoom room, CancellationToken ct) =>
            Enum.TryParse<ActionMove>(step, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsDigit(step[0])
                ? (await room.StepAsync(id, actionId, s, request, ct)).Answer(TypedResults.Ok)
                : TypedResults.NotFound())
            .WithSummary("Take the action's next step: allocate, result, review or file, with the version you read");
    }
}
