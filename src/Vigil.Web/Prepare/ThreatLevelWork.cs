using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Prepare;

public sealed record ThreatLevelDto(ThreatLevelScope Scope, string ScopeName, ThreatLevel Level, string Name, string Meaning, DateTimeOffset Since, string RecordedBy, string Basis);

public sealed record RecordThreatLevel(
    ThreatLevelScope? Scope,
    ThreatLevel? Level,
    [property: Required(ErrorMessage = "Enter the basis for the change"), StringLength(2000, ErrorMessage = "The basis must be 2,000 characters or fewer")] string? Basis);

/// <summary>What recording a level did: the change, and the plans it activated and stood down.</summary>
public sealed record ThreatLevelRecorded(ThreatLevelDto Level, IReadOnlyList<string> Activated, IReadOnlyList<string> StoodDown);

/// <summary>
/// The threat levels: the current ones (everyone signed in), their history, and recording a change (the national
/// duty officer alone). A change of the national level activates, in its own transaction, every plan whose trigger
/// it reaches that is not already active, and stands down every active plan whose trigger is now above it: the
/// change and its plans are saved together or not at all.
/// </summary>
public sealed class ThreatLevelWork(VigilDb db, AccessContext access, UnitInbox inbox, ThreatLevelCache header, ILogger<ThreatLevelWork> log)
{
    public static bool Records(AccessContext access) => access.IsInRole(Roles.NationalDutyOfficer);

    /// <summary>Both levels as they stand (or as they stood at <paramref name="at"/>); a scope never recorded is left out.</summary>
    public async Task<IReadOnlyList<ThreatLevelDto>> CurrentAsync(CancellationToken ct, DateTimeOffset? at = null)
    {
        var levels = new List<ThreatLevelDto>();
        foreach (var scope in Enum.GetValues<ThreatLevelScope>())
        {
            var changes = db.Set<ThreatLevelChange>().AsNoTracking().Where(c => c.Scope == scope);
            if (at is { } moment)
            {
                changes = changes.Where(c => c.RecordedAt <= moment);
            }
            if (await changes.OrderByDescending(c => c.RecordedAt).FirstOrDefaultAsync(ct) is { } latest)
            {
                levels.Add(Dto(latest));
            }
        }
        return levels;
    }

    public async Task<Paged<ThreatLevelDto>> HistoryAsync(ThreatLevelScope? scope, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var changes = db.Set<ThreatLevelChange>().AsNoTracking().Where(c => scope == null || c.Scope == scope);
        var total = await changes.CountAsync(ct);
        var items = await changes.OrderByDescending(c => c.RecordedAt).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new([.. items.Select(Dto)], p, size, total);
    }

    public async Task<WorkResult<ThreatLevelRecorded>> RecordAsync(RecordThreatLevel request, CancellationToken ct)
    {
        if (!Records(access))
        {
            db.Audit(AuditActions.Create, AuditOutcomes.Denied, "threat-level", detail: "only the national duty officer records a change of the threat level");
            await db.SaveChangesAsync(ct);
            return WorkResult<ThreatLevelRecorded>.Forbidden("Only the national duty officer records a change of the threat level");
        }
        var errors = ApiValidation.Validate(request);
        if (request.Scope is null)
        {
            ApiValidation.Add(errors, nameof(request.Scope), "Choose which threat level changes");
        }
        if (request.Level is null || !Enum.IsDefined(request.Level.Value))
        {
            ApiValidation.Add(errors, nameof(request.Level), "Choose the new level");
        }
        if (errors.Count > 0)
        {
            return WorkResult<ThreatLevelRecorded>.Invalid(errors);
        }
        await using var transaction = await db.BeginWriteAsync(ct);
        var scope = request.Scope!.Value;
        var current = await db.Set<ThreatLevelChange>().Where(c => c.Scope == scope).OrderByDescending(c => c.RecordedAt).FirstOrDefaultAsync(ct);
        if (current?.Level == request.Level)
        {
            return WorkResult<ThreatLevelRecorded>.Invalid(nameof(request.Level), $"The {ThreatLevels.ScopeName(scope).ToLowerInvariant()} is already {ThreatLevels.Name(request.Level!.Value)}");
        }
        var now = db.Clock.GetUtcNow();
        var change = new ThreatLevelChange
        {
            Scope = scope, Level = request.Level!.Value, RecordedAt = current is not null && current.RecordedAt >= now ? current.RecordedAt.AddTicks(1) : now,
            RecordedById = access.UserId, RecordedBy = access.DisplayName ?? access.UserName ?? "", Basis = request.Basis!.Trim(),
        };
        db.Add(change);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "threat-level", change.Id.ToString(),
            detail: $"{ThreatLevels.ScopeName(scope)}: {(current is null ? "" : ThreatLevels.Name(current.Level) + " to ")}{ThreatLevels.Name(change.Level)}");
        List<string> activated = [], stoodDown = [];
        try
        {
            if (scope == ThreatLevelScope.National)
            {
                (activated, stoodDown) = await SetOffPlansAsync(change, ct);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or ArgumentOutOfRangeException or OverflowException)
        {
            // A plan that cannot be activated (a deadline past the calendar's end, a row the database refuses): the
            // level and every plan stay as they were, and the refusal is recorded on its own.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            log.LogError(e, "A change of the threat level could not be saved with its plans; nothing was changed");
            db.Audit(AuditActions.Create, AuditOutcomes.Failure, "threat-level", detail: $"not saved: a plan could not be activated ({e.GetType().Name}); nothing changed");
            await db.SaveChangesAsync(ct);
            return WorkResult<ThreatLevelRecorded>.Conflict("The change could not be saved because a plan could not be activated. Nothing was changed: the level and every plan are as they were. Tell the service desk.");
        }
        header.Clear();
        return WorkResult<ThreatLevelRecorded>.Ok(new(Dto(change), activated, stoodDown));
    }

    /// <summary>The plans the new level reaches are activated (once), those above it stood down; each unit is told.</summary>
    private async Task<(List<string> Activated, List<string> StoodDown)> SetOffPlansAsync(ThreatLevelChange change, CancellationToken ct)
    {
        var active = await db.Set<PlanActivation>().Where(a => a.StoodDownAt == null).ToListAsync(ct);
        var plans = await db.Set<ThreatPlan>().ToListAsync(ct);
        List<string> activated = [], stoodDown = [];
        foreach (var activation in active.Where(a => a.Trigger > change.Level))
        {
            activation.StandDown(change);
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "plan-activation", activation.Id.ToString(), detail: $"stood down: the level is now {ThreatLevels.Name(change.Level)}");
            Tell(activation.UnitId, $"Stand down: {activation.PlanName}", $"The national threat level is now {ThreatLevels.Name(change.Level)}, below the plan's trigger ({ThreatLevels.Name(activation.Trigger)}). The plan is stood down.", activation.Id);
            stoodDown.Add(activation.PlanName);
        }
        foreach (var plan in plans.Where(p => p.Trigger <= change.Level && !active.Any(a => a.PlanId == p.Id && a.IsActive)))
        {
            var activation = PlanActivation.Of(plan, change);
            db.Add(activation);
            db.Audit(AuditActions.Create, AuditOutcomes.Success, "plan-activation", activation.Id.ToString(), detail: $"{plan.Name} activated: the level is now {ThreatLevels.Name(change.Level)}");
            Tell(plan.UnitId, $"Activated: {plan.Name}", $"The national threat level is now {ThreatLevels.Name(change.Level)}. {plan.Name} is active: acknowledge it and work its steps ({plan.Steps.Count}).", activation.Id);
            activated.Add(plan.Name);
        }
        return (activated, stoodDown);
    }

    private void Tell(Guid unitId, string subject, string body, Guid activationId) =>
        inbox.Send(new ProtectiveLabel(Classification.Official, true, unitId, []), subject, body, "plan-activation", activationId.ToString());

    private static ThreatLevelDto Dto(ThreatLevelChange c) =>
        new(c.Scope, ThreatLevels.ScopeName(c.Scope), c.Level, ThreatLevels.Name(c.Level), ThreatLevels.Meaning(c.Level), c.RecordedAt, c.RecordedBy, c.Basis);
}
