using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Prepare;

/// <summary>One unit's line on the national board: its active plan's progress.</summary>
public sealed record BoardLine(Guid ActivationId, string Unit, string Plan, ThreatLevel Trigger, DateTimeOffset ActivatedAt, DateTimeOffset? AcknowledgedAt,
    string AcknowledgedBy, int Steps, int Done, int Overdue, DateTimeOffset? NextDue);

public sealed record ActivationStepDto(int Number, string Title, string OwnerRole, string Owner, DateTimeOffset DueAt, bool Overdue, string EvidenceExpected,
    DateTimeOffset? DoneAt, string DoneBy, string Evidence, bool Mine);

public sealed record ActivationDto(Guid Id, string Unit, string Plan, ThreatLevel Trigger, DateTimeOffset ActivatedAt, DateTimeOffset? AcknowledgedAt, string AcknowledgedBy,
    DateTimeOffset? StoodDownAt, IReadOnlyList<ActivationStepDto> Steps, IReadOnlyList<StepRule<PlanWork>> Work, Guid Version);

/// <summary>A step in someone's queue: a step of an active plan of their unit whose owner role they hold.</summary>
public sealed record QueuedStep(Guid ActivationId, string Plan, int Number, string Title, DateTimeOffset DueAt, bool Overdue);

public sealed record AcknowledgeActivation(Guid? Version);

public sealed record CompleteStep(
    Guid? Version,
    [property: Required(ErrorMessage = "Enter the evidence that the step is done"), StringLength(2000, ErrorMessage = "The evidence must be 2,000 characters or fewer")] string? Evidence);

/// <summary>
/// Critical Threat Plans at work: the national board (every unit's active plan, for the national roles), a unit's
/// activations, one activation with its steps, the steps in a person's queue, acknowledging an activation and
/// completing a step with its evidence. A unit's plans are read by the unit and the national roles; anyone else
/// is answered as if the activation did not exist.
/// </summary>
public sealed class PlanBoard(VigilDb db, AccessContext access, IOrganisationDirectory directory)
{
    private static readonly string[] NationalRoles = [Roles.NationalDutyOfficer, Roles.OperationsCoordinator, Roles.Auditor, Roles.Administrator];

    public static bool ReadsTheBoard(AccessContext access) => NationalRoles.Any(access.IsInRole);

    public static bool ReadsPlans(AccessContext access) => ReadsTheBoard(access) || Platform.Ui.Contributions.IsUnitOfficer(access);

    private bool MayRead(Guid unitId) => ReadsTheBoard(access) || (access.UnitId == unitId && access.PartnerAgencyId is null);

    /// <summary>The national board: the active plans of every unit, with progress; or as they stood at <paramref name="at"/>
    /// (the history). Steps are counted in the query, so the board costs the same whatever the plans hold.</summary>
    public async Task<WorkResult<IReadOnlyList<BoardLine>>> BoardAsync(CancellationToken ct, DateTimeOffset? at = null)
    {
        if (!ReadsTheBoard(access))
        {
            db.Audit(AuditActions.Read, AuditOutcomes.Denied, "plan-activation", detail: "the national board: not a national role");
            await db.SaveChangesAsync(ct);
            return WorkResult<IReadOnlyList<BoardLine>>.Forbidden("The national board is for the national duty officer, the operations centre and audit");
        }
        var now = db.Clock.GetUtcNow();
        var moment = at ?? now;
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        var activations = db.Set<PlanActivation>().AsNoTracking();
        activations = at is null
            ? activations.Where(a => a.StoodDownAt == null)
            : activations.Where(a => a.ActivatedAt <= moment && (a.StoodDownAt == null || a.StoodDownAt > moment));
        var lines = await activations.Select(a => new
        {
            a.Id, a.UnitId, a.PlanName, a.Trigger, a.ActivatedAt, a.AcknowledgedAt, a.AcknowledgedBy,
            Steps = a.Steps.Count(),
            Done = a.Steps.Count(s => s.DoneAt != null && s.DoneAt <= moment),
            Overdue = a.Steps.Count(s => (s.DoneAt == null || s.DoneAt > moment) && s.DueAt < moment),
            NextDue = a.Steps.Where(s => s.DoneAt == null).OrderBy(s => s.DueAt).Select(s => (DateTimeOffset?)s.DueAt).FirstOrDefault(),
        }).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "plan-activation", detail: at is null ? "the national board" : $"the national board as at {moment:u}");
        await db.SaveChangesAsync(ct);
        return WorkResult<IReadOnlyList<BoardLine>>.Ok([.. lines
            .Select(l => new BoardLine(l.Id, units.GetValueOrDefault(l.UnitId, "a unit"), l.PlanName, l.Trigger, l.ActivatedAt, l.AcknowledgedAt, l.AcknowledgedBy, l.Steps, l.Done, l.Overdue, l.NextDue))
            .OrderBy(l => l.Unit, StringComparer.Ordinal).ThenBy(l => l.Plan, StringComparer.Ordinal)]);
    }

    /// <summary>The reader's unit's activations, newest first (active and stood down).</summary>
    public async Task<IReadOnlyList<BoardLine>> MineAsync(CancellationToken ct)
    {
        if (access.UnitId is not { } unit || access.PartnerAgencyId is not null)
        {
            return [];
        }
        var now = db.Clock.GetUtcNow();
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        var lines = await db.Set<PlanActivation>().AsNoTracking().Where(a => a.UnitId == unit).OrderByDescending(a => a.ActivatedAt).Take(20)
            .Select(a => new BoardLine(a.Id, "", a.PlanName, a.Trigger, a.ActivatedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.Steps.Count(),
                a.Steps.Count(s => s.DoneAt != null), a.StoodDownAt == null ? a.Steps.Count(s => s.DoneAt == null && s.DueAt < now) : 0,
                a.StoodDownAt == null ? a.Steps.Where(s => s.DoneAt == null).OrderBy(s => s.DueAt).Select(s => (DateTimeOffset?)s.DueAt).FirstOrDefault() : null))
            .ToListAsync(ct);
        return [.. lines.Select(l => l with { Unit = units.GetValueOrDefault(unit, "") })];
    }

    /// <summary>The steps waiting for the reader: active plans of their unit, steps not done whose owner role they hold, soonest due first.</summary>
    public async Task<IReadOnlyList<QueuedStep>> MyStepsAsync(CancellationToken ct)
    {
        if (access.UnitId is not { } unit || access.PartnerAgencyId is not null)
        {
            return [];
        }
        var roles = access.Roles.ToList();
        var now = db.Clock.GetUtcNow();
        var steps = await db.Set<PlanActivation>().AsNoTracking().Where(a => a.UnitId == unit && a.StoodDownAt == null)
            .SelectMany(a => a.Steps.Where(s => s.DoneAt == null && roles.Contains(s.OwnerRole)), (a, s) => new QueuedStep(a.Id, a.PlanName, s.Number, s.Title, s.DueAt, s.DueAt < now))
            .ToListAsync(ct);
        return [.. steps.OrderBy(s => s.DueAt).ThenBy(s => s.Number)];
    }

    public async Task<ActivationDto?> ReadAsync(Guid id, CancellationToken ct)
    {
        var activation = await db.Set<PlanActivation>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (activation is null || !MayRead(activation.UnitId))
        {
            db.Audit(activation is null ? AuditActions.NotFound : AuditActions.Refused, activation is null ? AuditOutcomes.Failure : AuditOutcomes.Denied, "plan-activation", id.ToString());
            await db.SaveChangesAsync(ct);
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "plan-activation", id.ToString());
        await db.SaveChangesAsync(ct);
        return await DtoAsync(activation, ct);
    }

    public Task<WorkResult<ActivationDto>> AcknowledgeAsync(Guid id, AcknowledgeActivation request, CancellationToken ct) =>
        WorkAsync(id, request.Version, PlanWork.Acknowledge, 0, a => a.Acknowledge(db.Clock.GetUtcNow(), Who), "acknowledged", ct);

    public Task<WorkResult<ActivationDto>> CompleteAsync(Guid id, int step, CompleteStep request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        return errors.Count > 0 ? Task.FromResult(WorkResult<ActivationDto>.Invalid(errors))
            : WorkAsync(id, request.Version, PlanWork.CompleteStep, step, a => a.Complete(step, db.Clock.GetUtcNow(), Who, request.Evidence!.Trim()), $"step {step} done", ct);
    }

    private string Who => access.DisplayName ?? access.UserName ?? "";

    private async Task<WorkResult<ActivationDto>> WorkAsync(Guid id, Guid? version, PlanWork work, int step, Action<PlanActivation> change, string what, CancellationToken ct)
    {
        var activation = await db.Set<PlanActivation>().FirstOrDefaultAsync(a => a.Id == id, ct);
        // Only the unit works its plan: the national roles read it.
        if (activation is null || access.UnitId != activation.UnitId || access.PartnerAgencyId is not null)
        {
            db.Audit(activation is null ? AuditActions.NotFound : AuditActions.Refused, activation is null ? AuditOutcomes.Failure : AuditOutcomes.Denied, "plan-activation", id.ToString());
            await db.SaveChangesAsync(ct);
            return activation is not null && MayRead(activation.UnitId)
                ? WorkResult<ActivationDto>.Forbidden("Only the unit whose plan it is works it")
                : WorkResult<ActivationDto>.Missing();
        }
        if (version is not null && version != activation.Version)
        {
            return WorkResult<ActivationDto>.Conflict("Someone else changed the plan since you opened it: look again and try again");
        }
        if (activation.WhyNot(work, access.Roles, step) is { } refusal)
        {
            db.Audit(AuditActions.Update, AuditOutcomes.Denied, "plan-activation", id.ToString(), detail: refusal.Message);
            await db.SaveChangesAsync(ct);
            return WorkResult<ActivationDto>.Refused(refusal);
        }
        change(activation);
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "plan-activation", id.ToString(), detail: what);
        await db.SaveChangesAsync(ct);
        return WorkResult<ActivationDto>.Ok(await DtoAsync(activation, ct));
    }

    private async Task<ActivationDto> DtoAsync(PlanActivation a, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow();
        var unit = (await directory.UnitsAsync(ct)).FirstOrDefault(u => u.Id == a.UnitId)?.Name ?? "";
        var mine = access.UnitId == a.UnitId && access.PartnerAgencyId is null;
        return new(a.Id, unit, a.PlanName, a.Trigger, a.ActivatedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.StoodDownAt,
            [.. a.Steps.OrderBy(s => s.Number).Select(s => new ActivationStepDto(s.Number, s.Title, s.OwnerRole, Roles.Display(s.OwnerRole), s.DueAt, a.IsActive && s.IsOverdue(now),
                s.EvidenceExpected, s.DoneAt, s.DoneBy, s.Evidence, mine && a.WhyNot(PlanWork.CompleteStep, access.Roles, s.Number) is null))],
            mine ? [new StepRule<PlanWork>(PlanWork.Acknowledge, a.WhyNot(PlanWork.Acknowledge, access.Roles)?.Message)] : [], a.Version);
    }
}
