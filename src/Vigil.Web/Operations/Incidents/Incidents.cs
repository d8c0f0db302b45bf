using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Operations;

/// <summary>Who does what in a surge: the operations centre declares incidents, briefs officers in and allocates;
/// a regional unit's SIO or coordinator posts its requests and keeps its capacity.</summary>
public static class SurgeRoles
{
    /// <summary>An officer of the National Operations Centre (one of its teams) who coordinates or is the duty officer:
    /// the role alone is not enough, since a regional unit has coordinators too.</summary>
    public static bool IsOperationsCentre(AccessContext access) =>
        access.UnitId is not null && access.UnitCode?.StartsWith("noc-", StringComparison.Ordinal) == true
        && (access.IsInRole(Roles.OperationsCoordinator) || access.IsInRole(Roles.NationalDutyOfficer));

    public static bool ManagesUnit(AccessContext access) =>
        access.UnitId is not null && access.PartnerAgencyId is null && (access.IsInRole(Roles.Sio) || access.IsInRole(Roles.OperationsCoordinator));

    public static bool Reads(AccessContext access) => access.UnitId is not null && access.PartnerAgencyId is null;
}

/// <summary>Declaring an incident (with its own need-to-know group), briefing officers into it, ending it, and
/// reading the incidents the reader is briefed on.</summary>
public sealed class Incidents(VigilDb db, AccessContext access, IOrganisationDirectory directory, SurgeRequests requests)
{
    public async Task<WorkResult<IncidentDto>> DeclareAsync(DeclareIncident request, CancellationToken ct)
    {
        if (!SurgeRoles.IsOperationsCentre(access))
        {
            return await RefuseAsync<IncidentDto>("Incidents are declared by the operations centre", ct);
        }
        var errors = ApiValidation.Validate(request);
        if (request.Kind is { } kind && OperationsReferenceData.IncidentKindName(kind) is null)
        {
            ApiValidation.Add(errors, nameof(request.Kind), $"There is no kind of incident '{kind}'");
        }
        var lead = request.LeadUnit is { } code ? await directory.UnitAsync(code, ct) : null;
        if (request.LeadUnit is not null && (lead is null || !OperationsReferenceData.IsRegional(lead.Code)))
        {
            ApiValidation.Add(errors, nameof(request.LeadUnit), "Choose a regional unit to lead");
        }
        var now = AuditChain.Normalise(db.Clock.GetUtcNow());
        if (request.StartedAt is { } started && started > now.AddMinutes(5))
        {
            ApiValidation.Add(errors, nameof(request.StartedAt), "The start cannot be in the future");
        }
        var classification = request.Classification ?? Classification.Secret;
        if (!Enum.IsDefined(classification))
        {
            ApiValidation.Add(errors, nameof(request.Classification), "Choose OFFICIAL, SECRET or TOP SECRET");
        }
        else if (AccessPolicy.LabelRefusal(access, new ProtectiveLabel(classification, request.OfficialSensitive, access.UnitId!.Value, [])) is { } refusal)
        {
            ApiValidation.Add(errors, nameof(request.Classification), refusal);
        }
        if (errors.Count > 0)
        {
            return WorkResult<IncidentDto>.Invalid(errors);
        }
        var name = request.Name!.Trim();
        // The group is named by the incident's id, never its name: administrators list groups, and names are unique.
        var id = Guid.CreateVersion7();
        var group = new NeedToKnowGroup { Name = $"Incident {id:N}", Description = "The officers briefed on an incident (surge).", OwningUnitId = access.UnitId, ManagedBy = "the operations centre" };
        var incident = new SurgeIncident
        {
            Id = id, Name = name, Kind = request.Kind!, LeadUnitId = lead!.Id, StartedAt = AuditChain.Normalise(request.StartedAt ?? now), Summary = request.Summary?.Trim() ?? "",
            DeclaredBy = Who, GroupId = group.Id, NeedToKnow = [new RecordGroup { GroupId = group.Id }], Classification = classification,
            OfficialSensitive = request.OfficialSensitive, OwningUnitId = access.UnitId!.Value,
        };
        db.Add(group);
        db.Add(new GroupMembership { GroupId = group.Id, UserId = access.UserId!.Value });
        db.Add(incident);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "surge-incident", incident.Id.ToString(), detail: $"declared; lead {lead.Name}; {access.UserName} briefed");
        await db.SaveChangesAsync(ct);
        access.GroupIds.Add(group.Id);
        return WorkResult<IncidentDto>.Ok((await ReadAsync(incident.Id, ct))!);
    }

    /// <summary>The incidents the reader is briefed on, open first, newest first.</summary>
    public async Task<IReadOnlyList<IncidentSummary>> ListAsync(CancellationToken ct)
    {
        if (!SurgeRoles.Reads(access))
        {
            return [];
        }
        var list = await db.Set<SurgeIncident>().AsNoTracking().OrderBy(i => i.EndedAt != null).ThenByDescending(i => i.StartedAt).Take(100).ToListAsync(ct);
        var ids = list.Select(i => i.Id).ToList();
        var open = await db.Set<SurgeRequest>().AsNoTracking().Where(r => ids.Contains(r.IncidentId) && r.WithdrawnAt == null)
            .GroupBy(r => r.IncidentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var units = await UnitNamesAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "surge-incident", detail: $"the incidents list ({list.Count})");
        await db.SaveChangesAsync(ct);
        return [.. list.Select(i => new IncidentSummary(i.Id, i.Name, i.Kind, OperationsReferenceData.IncidentKindName(i.Kind) ?? i.Kind, units.GetValueOrDefault(i.LeadUnitId, ""),
            i.StartedAt, i.EndedAt, open.GetValueOrDefault(i.Id)))];
    }

    /// <summary>An incident the reader is briefed on, with its requests, or null exactly as if there were none.</summary>
    public async Task<IncidentDto?> ReadAsync(Guid id, CancellationToken ct)
    {
        var incident = SurgeRoles.Reads(access) ? await db.Set<SurgeIncident>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) : null;
        if (incident is null)
        {
            await db.RecordMissAsync<SurgeIncident>(i => i.Id == id, "surge-incident", id.ToString(), ct: ct);
            return null;
        }
        var units = await directory.UnitsAsync(ct);
        var members = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == incident.GroupId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.UnitId }).OrderBy(u => u.DisplayName).Take(200).ToListAsync(ct);
        var list = await requests.OfIncidentAsync(incident, ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "surge-incident", id.ToString());
        await db.SaveChangesAsync(ct);
        var lead = units.FirstOrDefault(u => u.Id == incident.LeadUnitId);
        return new IncidentDto(incident.Id, incident.Name, incident.Kind, OperationsReferenceData.IncidentKindName(incident.Kind) ?? incident.Kind, lead?.Name ?? "", lead?.Code ?? "",
            incident.StartedAt, incident.EndedAt, incident.Summary, incident.DeclaredBy, incident.Classification, incident.OfficialSensitive,
            [.. members.Select(m => new IncidentMemberDto(m.Id, m.DisplayName, units.FirstOrDefault(u => u.Id == m.UnitId)?.Name ?? ""))],
            list, SurgeRoles.IsOperationsCentre(access) && incident.IsOpen,
            incident.IsOpen && SurgeRoles.ManagesUnit(access) && units.FirstOrDefault(u => u.Id == access.UnitId) is { } mine && OperationsReferenceData.IsRegional(mine.Code),
            incident.Version);
    }

    /// <summary>Briefs an officer into the incident's need-to-know group (the operations centre): they can then read it
    /// and, if they run a regional unit's surge, post its requests.</summary>
    public async Task<WorkResult<IncidentDto>> BriefAsync(Guid id, BriefOfficer request, CancellationToken ct)
    {
        var incident = SurgeRoles.Reads(access) ? await db.Set<SurgeIncident>().FirstOrDefaultAsync(i => i.Id == id, ct) : null;
        if (incident is null)
        {
            return WorkResult<IncidentDto>.Missing();
        }
        if (!SurgeRoles.IsOperationsCentre(access))
        {
            return await RefuseAsync<IncidentDto>("Officers are briefed into an incident by the operations centre", ct);
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<IncidentDto>.Invalid(errors);
        }
        var email = request.Email!.Trim().ToUpperInvariant();
        var user = await db.Users.Include(u => u.Groups).FirstOrDefaultAsync(u => u.NormalizedEmail == email && !u.IsDisabled, ct);
        if (user is null || user.UnitId is null)
        {
            return WorkResult<IncidentDto>.Invalid(nameof(request.Email), "There is no active officer of a unit with that e-mail address");
        }
        if (user.Clearance < incident.Classification)
        {
            return WorkResult<IncidentDto>.Invalid(nameof(request.Email), "That officer's clearance is below the incident's classification");
        }
        if (user.Groups.Any(g => g.GroupId == incident.GroupId))
        {
            return WorkResult<IncidentDto>.Conflict("That officer is already briefed");
        }
        db.Add(new GroupMembership { GroupId = incident.GroupId, UserId = user.Id });
        incident.Version = Guid.NewGuid();
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "need-to-know-group", incident.GroupId.ToString(), detail: $"{user.Email} briefed on incident {incident.Id}");
        await db.SaveChangesAsync(ct);
        return WorkResult<IncidentDto>.Ok((await ReadAsync(id, ct))!);
    }

    /// <summary>Ends an incident (the operations centre): its open requests are withdrawn; deployments run until stood down.</summary>
    public async Task<WorkResult<IncidentDto>> EndAsync(Guid id, CancellationToken ct)
    {
        var incident = SurgeRoles.Reads(access) ? await db.Set<SurgeIncident>().FirstOrDefaultAsync(i => i.Id == id, ct) : null;
        if (incident is null)
        {
            return WorkResult<IncidentDto>.Missing();
        }
        if (!SurgeRoles.IsOperationsCentre(access))
        {
            return await RefuseAsync<IncidentDto>("Incidents are ended by the operations centre", ct);
        }
        if (!incident.IsOpen)
        {
            return WorkResult<IncidentDto>.Conflict("The incident has already ended");
        }
        var now = AuditChain.Normalise(db.Clock.GetUtcNow());
        incident.EndedAt = now;
        incident.Version = Guid.NewGuid();
        foreach (var open in await db.Set<SurgeRequest>().Where(r => r.IncidentId == id && r.WithdrawnAt == null).ToListAsync(ct))
        {
            open.WithdrawnAt = now;
            open.WithdrawnReason = "The incident ended";
            open.Version = Guid.NewGuid();
        }
        await db.Set<SurgeAllocation>().Where(a => a.IncidentId == id && a.Status == AllocationStatus.Proposed).ForEachAsync(a => a.Status = AllocationStatus.Superseded, ct);
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "surge-incident", id.ToString(), detail: "ended");
        await db.SaveChangesAsync(ct);
        return WorkResult<IncidentDto>.Ok((await ReadAsync(id, ct))!);
    }

    private async Task<Dictionary<Guid, string>> UnitNamesAsync(CancellationToken ct) => (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);

    private string Who => access.DisplayName ?? access.UserName ?? "";

    private async Task<WorkResult<T>> RefuseAsync<T>(string message, CancellationToken ct)
    {
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "surge-incident", detail: message);
        await db.SaveChangesAsync(ct);
        return WorkResult<T>.Forbidden(message);
    }
}
