using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Operations;

/// <summary>A regional unit's surge view (its capacity by capability and day with the officers away, its officers
/// deployed out and those deployed to it, its requests) and keeping its capacity.</summary>
public sealed class UnitCapacities(VigilDb db, AccessContext access, IOrganisationDirectory directory, SurgeRequests requests)
{
    public const int ViewDays = 14;

    /// <summary>Records a unit's capacity of one capability over a run of days: its own SIO or coordinator, or the
    /// operations centre for any regional unit.</summary>
    public async Task<WorkResult<UnitSurgeView>> SetAsync(SetCapacity request, CancellationToken ct)
    {
        var units = await directory.UnitsAsync(ct);
        var unit = request.Unit is { Length: > 0 } code ? units.FirstOrDefault(u => u.Code == code) : units.FirstOrDefault(u => u.Id == access.UnitId);
        var may = unit is not null && OperationsReferenceData.IsRegional(unit.Code)
            && (SurgeRoles.IsOperationsCentre(access) || (SurgeRoles.ManagesUnit(access) && access.UnitId == unit.Id));
        if (!may)
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "unit-capacity", detail: $"capacity of {request.Unit ?? "own unit"} refused by role");
            await db.SaveChangesAsync(ct);
            return WorkResult<UnitSurgeView>.Forbidden("A regional unit's capacity is kept by its SIO or coordinator, or by the operations centre");
        }
        var errors = ApiValidation.Validate(request);
        if (request.Capability is { } capability && OperationsReferenceData.CapabilityName(capability) is null)
        {
            ApiValidation.Add(errors, nameof(request.Capability), $"There is no capability '{capability}'");
        }
        foreach (var (field, messages) in UnitCapacity.Problems(request.From, request.To, request.Available, request.MinimumCover))
        {
            errors.TryAdd(field, messages);
        }
        if (errors.Count > 0)
        {
            return WorkResult<UnitSurgeView>.Invalid(errors);
        }
        var entry = new UnitCapacity
        {
            UnitId = unit!.Id, Capability = request.Capability!, From = request.From!.Value, To = request.To!.Value, Available = request.Available!.Value,
            MinimumCover = request.MinimumCover!.Value, RecordedAt = AuditChain.Normalise(db.Clock.GetUtcNow()), RecordedBy = access.DisplayName ?? access.UserName ?? "",
        };
        db.Add(entry);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "unit-capacity", entry.Id.ToString(),
            detail: $"{unit.Name}: {entry.Available} {entry.Capability}, minimum cover {entry.MinimumCover}, {entry.From:yyyy-MM-dd} to {entry.To:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return WorkResult<UnitSurgeView>.Ok((await ViewAsync(unit.Code, null, ct))!);
    }

    /// <summary>A regional unit's surge view for fourteen days from <paramref name="from"/> (today by default): its
    /// own officers and the operations centre read it; anyone else gets null, as for a unit that does not exist.</summary>
    public async Task<UnitSurgeView?> ViewAsync(string? code, DateOnly? from, CancellationToken ct)
    {
        var units = await directory.UnitsAsync(ct);
        var unit = code is { Length: > 0 } ? units.FirstOrDefault(u => u.Code == code) : units.FirstOrDefault(u => u.Id == access.UnitId);
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        if (unit is null || !OperationsReferenceData.IsRegional(unit.Code) || !SurgeRoles.Reads(access) || (unit.Id != access.UnitId && !SurgeRoles.IsOperationsCentre(access))
            || from is { } asked && Math.Abs(asked.DayNumber - today.DayNumber) > UnitCapacity.LongestRunDays)
        {
            db.Audit(unit is null ? AuditActions.NotFound : AuditActions.Refused, unit is null ? AuditOutcomes.Failure : AuditOutcomes.Denied, "unit-capacity",
                Platform.Inbox.UnitInbox.Fit(code ?? "", 40));
            await db.SaveChangesAsync(ct);
            return null;
        }
        var first = from ?? today;
        var days = Enumerable.Range(0, ViewDays).Select(first.AddDays).ToList();
        var last = days[^1];
        var entries = await db.Set<UnitCapacity>().AsNoTracking().Where(c => c.UnitId == unit.Id && c.From <= last && c.To >= first).ToListAsync(ct);
        var deployments = await db.Set<SurgeAllocation>().AsNoTracking()
            .Where(a => (a.GivingUnitId == unit.Id || a.RequestingUnitId == unit.Id) && (a.Status == AllocationStatus.Accepted || a.Status == AllocationStatus.Changed)
                && a.To >= first.AddDays(-30))
            .OrderBy(a => a.From).Take(500).ToListAsync(ct);
        var rows = entries.Select(e => e.Capability).Distinct().OrderBy(c => OperationsReferenceData.Capabilities.ToList().FindIndex(x => x.Code == c)).Select(capability =>
        {
            var mine = entries.Where(e => e.Capability == capability).ToList();
            var cells = days.Select(day => UnitCapacity.InForce(mine, day) is { } e
                ? new CapacityCell(day, e.Available, e.MinimumCover, deployments.Where(a => a.GivingUnitId == unit.Id && a.Capability == capability).Sum(a => a.AwayOn(day)), 0)
                : new CapacityCell(day, 0, 0, 0, 0)).Select(c => c with { AtHome = c.Available - c.Away }).ToList();
            return new CapacityRow(capability, OperationsReferenceData.CapabilityName(capability) ?? capability, cells);
        }).ToList();
        // An incident's name is shown only to those briefed on it; the units moving officers see what they need without it.
        var incidentIds = deployments.Select(a => a.IncidentId).Distinct().ToList();
        var briefed = await db.Set<SurgeIncident>().AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        // The unit's own officers see every line of theirs (what they give and get, not the incident's name); the
        // operations centre, reading another unit's view, only the lines of incidents it is briefed on. The capacity
        // cells above count every deployment (a unit's availability, documented).
        var shown = deployments.Where(a => unit.Id == access.UnitId ? a.Classification <= access.Clearance : briefed.ContainsKey(a.IncidentId)).ToList();
        var own = await db.Set<SurgeRequest>().AsNoTracking().Where(r => r.RequestingUnitId == unit.Id).OrderByDescending(r => r.RequestedAt).Take(100).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "unit-capacity", unit.Code, detail: $"the surge view of {unit.Name}");
        await db.SaveChangesAsync(ct);
        return new UnitSurgeView(unit.Name, unit.Code, days, rows,
            [.. shown.Where(a => a.GivingUnitId == unit.Id).Select(a => SurgeRequests.AllocationDto(a, units, briefed.GetValueOrDefault(a.IncidentId), access))],
            [.. shown.Where(a => a.RequestingUnitId == unit.Id).Select(a => SurgeRequests.AllocationDto(a, units, briefed.GetValueOrDefault(a.IncidentId), access))],
            await requests.DtosAsync(own, null, ct),
            SurgeRoles.IsOperationsCentre(access) || (SurgeRoles.ManagesUnit(access) && access.UnitId == unit.Id));
    }
}
