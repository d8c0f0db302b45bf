using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Operations;

/// <summary>A regional unit's requests for officers against an incident it is briefed on: posting and withdrawing them,
/// and reading them with their lines.</summary>
public sealed class SurgeRequests(VigilDb db, AccessContext access, IOrganisationDirectory directory)
{
    public async Task<WorkResult<SurgeRequestDto>> PostAsync(Guid incidentId, PostSurgeRequest request, CancellationToken ct)
    {
        var incident = SurgeRoles.Reads(access) ? await db.Set<SurgeIncident>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, ct) : null;
        if (incident is null)
        {
            return WorkResult<SurgeRequestDto>.Missing();
        }
        var units = await directory.UnitsAsync(ct);
        if (!SurgeRoles.ManagesUnit(access) || units.FirstOrDefault(u => u.Id == access.UnitId) is not { } mine || !OperationsReferenceData.IsRegional(mine.Code))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "surge-incident", incidentId.ToString(), detail: "a request refused: not a regional unit's SIO or coordinator");
            await db.SaveChangesAsync(ct);
            return WorkResult<SurgeRequestDto>.Forbidden("Requests are posted by a regional unit's SIO or coordinator");
        }
        if (!incident.IsOpen)
        {
            return WorkResult<SurgeRequestDto>.Conflict("The incident has ended");
        }
        var today = Today;
        var errors = ApiValidation.Validate(request);
        if (request.Capability is { } capability && OperationsReferenceData.CapabilityName(capability) is null)
        {
            ApiValidation.Add(errors, nameof(request.Capability), $"There is no capability '{capability}'");
        }
        if (request.Priority is { } priority && !Enum.IsDefined(priority))
        {
            ApiValidation.Add(errors, nameof(request.Priority), "Choose a priority: High, Medium or Low");
        }
        foreach (var (field, messages) in SurgeRequest.Problems(request.From, request.To, today))
        {
            errors.TryAdd(field, messages);
        }
        if (errors.Count > 0)
        {
            return WorkResult<SurgeRequestDto>.Invalid(errors);
        }
        if (request.From is { } first && first > today.AddDays(UnitCapacity.LongestRunDays))
        {
            return WorkResult<SurgeRequestDto>.Invalid(nameof(request.From), "The first day must be within a year from today");
        }
        var record = new SurgeRequest
        {
            IncidentId = incidentId, RequestingUnitId = mine.Id, Capability = request.Capability!, Officers = request.Officers!.Value, From = request.From!.Value,
            To = request.To!.Value, Where = request.Where!.Trim(), Priority = request.Priority ?? SurgePriority.Medium, RequestedAt = AuditChain.Normalise(db.Clock.GetUtcNow()), RequestedBy = Who,
        };
        db.Add(record);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "surge-request", record.Id.ToString(),
            detail: $"{mine.Name} asks for {record.Officers} {record.Capability}, {record.From:yyyy-MM-dd} to {record.To:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return WorkResult<SurgeRequestDto>.Ok((await DtosAsync([record], incident.Name, ct))[0]);
    }

    /// <summary>Withdraws a request (its unit's SIO or coordinator, or the operations centre); lines not yet decided go with it.</summary>
    public async Task<WorkResult<SurgeRequestDto>> WithdrawAsync(Guid id, WithdrawSurgeRequest request, CancellationToken ct)
    {
        var record = SurgeRoles.Reads(access) ? await db.Set<SurgeRequest>().FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        if (record is null)
        {
            return WorkResult<SurgeRequestDto>.Missing();
        }
        if (!(SurgeRoles.IsOperationsCentre(access) || (SurgeRoles.ManagesUnit(access) && access.UnitId == record.RequestingUnitId)))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "surge-request", id.ToString(), detail: "withdrawal refused by role");
            await db.SaveChangesAsync(ct);
            return WorkResult<SurgeRequestDto>.Forbidden("A request is withdrawn by its unit's SIO or coordinator, or by the operations centre");
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<SurgeRequestDto>.Invalid(errors);
        }
        if (record.WithdrawnAt is not null)
        {
            return WorkResult<SurgeRequestDto>.Conflict("The request has already been withdrawn");
        }
        record.WithdrawnAt = AuditChain.Normalise(db.Clock.GetUtcNow());
        record.WithdrawnReason = request.Reason!.Trim();
        record.Version = Guid.NewGuid();
        await db.Set<SurgeAllocation>().Where(a => a.RequestId == id && a.Status == AllocationStatus.Proposed).ForEachAsync(a => a.Status = AllocationStatus.Superseded, ct);
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "surge-request", id.ToString(), detail: "withdrawn");
        await db.SaveChangesAsync(ct);
        var incident = await db.Set<SurgeIncident>().AsNoTracking().FirstAsync(i => i.Id == record.IncidentId, ct);
        return WorkResult<SurgeRequestDto>.Ok((await DtosAsync([record], incident.Name, ct))[0]);
    }

    /// <summary>An incident's requests (the caller has read the incident through the filter).</summary>
    public async Task<IReadOnlyList<SurgeRequestDto>> OfIncidentAsync(SurgeIncident incident, CancellationToken ct)
    {
        var list = await db.Set<SurgeRequest>().AsNoTracking().Where(r => r.IncidentId == incident.Id).OrderBy(r => r.RequestedAt).Take(500).ToListAsync(ct);
        return await DtosAsync(list, incident.Name, ct);
    }

    /// <summary>Requests with their lines (every line but those a later proposal replaced).</summary>
    public async Task<IReadOnlyList<SurgeRequestDto>> DtosAsync(IReadOnlyList<SurgeRequest> list, string? incident, CancellationToken ct)
    {
        var ids = list.Select(r => r.Id).ToList();
        var lines = await db.Set<SurgeAllocation>().AsNoTracking().Where(a => ids.Contains(a.RequestId) && a.Status != AllocationStatus.Superseded).ToListAsync(ct);
        var incidents = incident is null
            ? await db.Set<SurgeIncident>().AsNoTracking().Where(i => list.Select(r => r.IncidentId).Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct)
            : list.Select(r => r.IncidentId).Distinct().ToDictionary(i => i, _ => incident);
        var units = await directory.UnitsAsync(ct);
        return [.. list.Select(r => Dto(r, incidents.GetValueOrDefault(r.IncidentId, ""), lines.Where(a => a.RequestId == r.Id).ToList(), units, access))];
    }

    /// <summary>A request as its reader sees it. Why a unit can give, and what binds a shortfall, name other units'
    /// capacity net of deployments the reader may not know of: the operations centre sees them; others see the
    /// numbers only.</summary>
    public static SurgeRequestDto Dto(SurgeRequest r, string incident, IReadOnlyList<SurgeAllocation> lines, IReadOnlyList<UnitOrAgency> units, AccessContext reader)
    {
        var unit = units.FirstOrDefault(u => u.Id == r.RequestingUnitId);
        return new(r.Id, r.IncidentId, incident, unit?.Name ?? "", unit?.Code ?? "", r.Capability, OperationsReferenceData.CapabilityName(r.Capability) ?? r.Capability,
            r.Officers, lines.Where(a => a.IsDeployment).Sum(a => a.Officers), r.From, r.To, r.Where, r.Priority, r.RequestedAt, r.RequestedBy, r.WithdrawnAt, r.WithdrawnReason,
            SurgeRoles.IsOperationsCentre(reader) || r.Shortfall.IndexOf(':', StringComparison.Ordinal) is < 0 ? r.Shortfall : r.Shortfall[..r.Shortfall.IndexOf(':', StringComparison.Ordinal)],
            [.. lines.OrderBy(a => a.ProposedAt).ThenBy(a => units.FirstOrDefault(u => u.Id == a.GivingUnitId)?.Name, StringComparer.Ordinal).Select(a => AllocationDto(a, units, incident, reader))]);
    }

    public static AllocationDto AllocationDto(SurgeAllocation a, IReadOnlyList<UnitOrAgency> units, string? incident, AccessContext reader)
    {
        var giving = units.FirstOrDefault(u => u.Id == a.GivingUnitId);
        return new(a.Id, a.RequestId, giving?.Name ?? "", giving?.Code ?? "", units.FirstOrDefault(u => u.Id == a.RequestingUnitId)?.Name ?? "", a.Capability,
            OperationsReferenceData.CapabilityName(a.Capability) ?? a.Capability, a.From, a.To, a.Where, a.ProposedOfficers, a.Officers,
            SurgeRoles.IsOperationsCentre(reader) ? a.Why : "Proposed by the operations centre", a.Status, a.Reason, a.DecidedBy,
            a.DecidedAt, a.ArrivedAt, a.StoodDownAt, a.DeploymentState, incident, [.. a.Named.OrderBy(n => n.NamedAt).Select(n => n.Name)], a.Version);
    }

    private DateOnly Today => DateOnly.FromDateTime(AuditChain.Normalise(db.Clock.GetUtcNow()).UtcDateTime);

    private string Who => access.DisplayName ?? access.UserName ?? "";
}
