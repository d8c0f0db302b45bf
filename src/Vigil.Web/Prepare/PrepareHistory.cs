using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Prepare;

public sealed record PlanOnTheDay(Guid ActivationId, string Unit, string Plan, DateTimeOffset ActivatedAt, DateTimeOffset? StoodDownAt, int Steps, int DoneThatDay);

/// <summary>One past day as Prepare saw it: the levels as the day began, every change during it, the plans active at
/// any moment of it (every unit's for the national roles, the reader's unit's otherwise) and the military support in
/// place.</summary>
public sealed record PrepareDay(DateOnly Day, IReadOnlyList<ThreatLevelDto> LevelsAtStart, IReadOnlyList<ThreatLevelDto> Changes,
    IReadOnlyList<PlanOnTheDay> Plans, IReadOnlyList<MilitarySupportDto>? Military);

/// <summary>The history pages: what was in force on any past day (UK time).</summary>
public sealed class PrepareHistory(VigilDb db, AccessContext access, ThreatLevelWork levels, MilitarySupport military, IOrganisationDirectory directory)
{
    public async Task<PrepareDay> DayAsync(DateOnly day, CancellationToken ct)
    {
        var starts = UkTime.DayStarts(day);
        var ends = UkTime.DayStarts(day.AddDays(1));
        var atStart = await levels.CurrentAsync(ct, starts.AddTicks(-1));
        var changes = (await db.Set<ThreatLevelChange>().AsNoTracking().Where(c => c.RecordedAt >= starts && c.RecordedAt < ends).ToListAsync(ct))
            .OrderBy(c => c.RecordedAt).Select(c => new ThreatLevelDto(c.Scope, ThreatLevels.ScopeName(c.Scope), c.Level, ThreatLevels.Name(c.Level), ThreatLevels.Meaning(c.Level), c.RecordedAt, c.RecordedBy, c.Basis))
            .ToList();
        var national = PlanBoard.ReadsTheBoard(access);
        var unit = access.PartnerAgencyId is null ? access.UnitId : null;
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        var plans = national || unit is not null
            ? await db.Set<PlanActivation>().AsNoTracking()
                .Where(a => (national || a.UnitId == unit) && a.ActivatedAt < ends && (a.StoodDownAt == null || a.StoodDownAt >= starts))
                .Select(a => new { a.Id, a.UnitId, a.PlanName, a.ActivatedAt, a.StoodDownAt, Steps = a.Steps.Count(), Done = a.Steps.Count(s => s.DoneAt >= starts && s.DoneAt < ends) })
                .ToListAsync(ct)
            : [];
        IReadOnlyList<MilitarySupportDto>? support = national ? await military.InPeriodAsync(starts, ends, ct) : null;
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "plan-activation", detail: $"Prepare's history of {day:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return new(day, atStart, changes,
            [.. plans.Select(p => new PlanOnTheDay(p.Id, units.GetValueOrDefault(p.UnitId, ""), p.PlanName, p.ActivatedAt, p.StoodDownAt, p.Steps, p.Done))
                .OrderBy(p => p.Unit, StringComparer.Ordinal)], support);
    }
}
