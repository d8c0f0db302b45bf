using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Pursue;

public sealed record OpenInvestigation
{
    [Required(ErrorMessage = "Enter the operation name"), StringLength(100, MinimumLength = 3, ErrorMessage = "The operation name must be 3 to 100 characters")]
    public string? OperationName { get; init; }
    [StringLength(4000, ErrorMessage = "The summary must be 4000 characters or fewer")]
    public string? Summary { get; init; }
    [Required(ErrorMessage = "Say who leads: MI5-led, joint or police only"), EnumDataType(typeof(Lead), ErrorMessage = "Say who leads: MI5-led, joint or police only")]
    public Lead? Lead { get; init; }
    [Required(ErrorMessage = "Choose the threat type")]
    public string? ThreatType { get; init; }
    public IReadOnlyList<string>? Activities { get; init; }
    [Required(ErrorMessage = "Choose the risk level"), EnumDataType(typeof(RiskLevel), ErrorMessage = "Choose the risk level")]
    public RiskLevel? Risk { get; init; }
    [Required(ErrorMessage = "Choose the classification"), EnumDataType(typeof(Classification), ErrorMessage = "Choose the classification")]
    public Classification? Classification { get; init; }
    public bool OfficialSensitive { get; init; }
}

public sealed record Transition(
    [property: Required(ErrorMessage = "Choose the phase to move to"), EnumDataType(typeof(Phase), ErrorMessage = "Choose the phase to move to")] Phase? To,
    [property: Required(ErrorMessage = "Give the reason for this change"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Give the reason in 5 to 2000 characters")] string? Reason,
    [property: StringLength(2000)] string? OpenActionsReason = null,
    [property: StringLength(2000)] string? Outcome = null,
    Guid? Version = null);

public sealed record AddTeamMember(
    [property: Required(ErrorMessage = "Enter the officer's e-mail"), StringLength(256)] string? Email,
    [property: Required(ErrorMessage = "Choose their role in the team"), EnumDataType(typeof(TeamRole), ErrorMessage = "Choose their role in the team")] TeamRole? Role);

public sealed record TeamMemberDto(Guid UserId, string Name, string Email, string Unit, TeamRole Role, DateTimeOffset AddedAt);

/// <summary>Someone in the investigation's need-to-know group without a place in the team: they can see
/// the investigation, so the team must see them (and the SIO can remove them), whatever put them there.</summary>
public sealed record GroupOnlyMemberDto(Guid UserId, string Name, string Email, string Unit);
public sealed record PhaseChangeDto(Phase From, Phase To, DateTimeOffset At, string By, string Reason);

public sealed record InvestigationDto(
    Guid Id, string OperationName, string Summary, Lead Lead, string ThreatType, string ThreatTypeName,
    IReadOnlyList<string> Activities, RiskLevel Risk, Phase Phase, string? Outcome, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    string Unit, Classification Classification, bool OfficialSensitive, IReadOnlyList<TeamMemberDto> Team, IReadOnlyList<GroupOnlyMemberDto> InGroupOnly,
    IReadOnlyList<PhaseChangeDto> PhaseChanges, Phase? NextPhase, IReadOnlyList<StepRule<Phase>> Moves, IReadOnlyList<StepRule<RoomWork>> Work, TeamRole? YourRole, bool YouCommand, bool YouMayAppoint, Guid Version);

public sealed record InvestigationSummary(
    Guid Id, string OperationName, string Unit, string UnitCode, Phase Phase, RiskLevel Risk, string ThreatType, Lead Lead,
    Guid? SioId, string? Sio, int OpenActions, int OverdueActions, DateTimeOffset OpenedAt, Classification Classification, bool OfficialSensitive);

public enum CaseloadSort { Operation, Phase, Risk, Opened, OverdueActions }

public sealed record CaseloadFilter(
    string? Unit = null, Guid? Sio = null, Phase? Phase = null, RiskLevel? Risk = null, string? Threat = null,
    bool Overdue = false, bool Mine = false, bool IncludeClosed = false, CaseloadSort Sort = CaseloadSort.Opened, bool Descending = true,
    int? Page = null, int? PageSize = null);

public sealed record ReferenceItemDto(string Code, string Name);

/// <summary>Opening investigations, the caseload, moving through the phases by the rules, and the team.</summary>
public sealed class Investigations(VigilDb db, AccessContext access, InvestigationGate gate, IOrganisationDirectory directory)
{
    public static readonly IReadOnlySet<string> Openers = new HashSet<string>(StringComparer.Ordinal) { Roles.Sio, Roles.Investigator };

    public async Task<WorkResult<InvestigationDto>> OpenAsync(OpenInvestigation request, CancellationToken ct)
    {
        if (!access.Roles.Any(Openers.Contains) || access.UnitId is null)
        {
            return WorkResult<InvestigationDto>.Forbidden("Only an SIO or investigator of a unit may open an investigation.");
        }
        var errors = ApiValidation.Validate(request);
        var name = OperationNames.Normalise(request.OperationName);
        // Operation names are one network-wide register (two operations must never share a name), so a
        // clash is reported whoever holds the other one; it says nothing else, and it is audited, so that
        // probing the register shows in the audit log.
        if (name.Length > 0 && await db.Set<Investigation>().IgnoreQueryFilters().AnyAsync(i => i.OperationName.ToUpper() == name.ToUpper(), ct))
        {
            ApiValidation.Add(errors, nameof(OpenInvestigation.OperationName), "That operation name is already in use; choose another");
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "operation-name", name, detail: "operation name already registered");
            await db.SaveChangesAsync(ct);
        }
        await CheckReferenceAsync(errors, request.ThreatType, request.Activities, ct);
        if (request.Classification is { } classification)
        {
            if (AccessPolicy.LabelRefusal(access, new ProtectiveLabel(classification, request.OfficialSensitive, access.UnitId.Value, [])) is { } refusal)
            {
                ApiValidation.Add(errors, nameof(OpenInvestigation.Classification), refusal);
            }
        }
        if (errors.Count > 0)
        {
            return WorkResult<InvestigationDto>.Invalid(errors);
        }
        var now = db.Clock.GetUtcNow();
        var unitName = access.UnitName ?? "";
        var group = new NeedToKnowGroup { Name = $"{name} ({unitName})", Description = $"The team of {name}.", OwningUnitId = access.UnitId, ManagedBy = $"the team of {name}" };
        var investigation = new Investigation
        {
            OperationName = name,
            Summary = request.Summary?.Trim() ?? "",
            Lead = request.Lead!.Value,
            ThreatType = request.ThreatType!,
            Activities = (request.Activities ?? []).Distinct().Select(a => new InvestigationActivity { Code = a }).ToList(),
            Risk = request.Risk!.Value,
            Phase = Phase.IntelligenceDevelopment,
            OpenedAt = now,
            UpdatedAt = now,
            GroupId = group.Id,
            NeedToKnow = [new RecordGroup { GroupId = group.Id }],
            Classification = request.Classification!.Value,
            OfficialSensitive = request.OfficialSensitive,
            OwningUnitId = access.UnitId.Value,
            Team = [new TeamMember { UserId = access.UserId!.Value, Role = access.IsInRole(Roles.Sio) ? TeamRole.Sio : TeamRole.Officer, AddedAt = now }],
        };
        db.Add(group);
        db.Add(new GroupMembership { GroupId = group.Id, UserId = access.UserId!.Value });
        db.Add(investigation);
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "need-to-know-group", group.Id.ToString(), detail: $"created for {name}; {access.UserName} joined");
        await db.SaveChangesAsync(ct);
        access.GroupIds.Add(group.Id);
        return WorkResult<InvestigationDto>.Ok((await ReadAsync(investigation.Id, ct))!);
    }

    private async Task CheckReferenceAsync(Dictionary<string, string[]> errors, string? threat, IReadOnlyList<string>? activities, CancellationToken ct)
    {
        var known = await db.Set<PursueReferenceItem>().AsNoTracking().Where(r => r.Active).ToListAsync(ct);
        if (threat is not null && !known.Any(r => r.Kind == PursueReferenceItem.ThreatType && r.Code == threat))
        {
            ApiValidation.Add(errors, nameof(OpenInvestigation.ThreatType), $"There is no threat type '{threat}'");
        }
        foreach (var activity in activities ?? [])
        {
            if (!known.Any(r => r.Kind == PursueReferenceItem.ActivityType && r.Code == activity))
            {
                ApiValidation.Add(errors, nameof(OpenInvestigation.Activities), $"There is no activity type '{activity}'");
            }
        }
    }

    public async Task<IReadOnlyList<ReferenceItemDto>> ReferenceAsync(string kind, CancellationToken ct) =>
        await db.Set<PursueReferenceItem>().AsNoTracking().Where(r => r.Kind == kind && r.Active).OrderBy(r => r.Name)
            .Select(r => new ReferenceItemDto(r.Code, r.Name)).ToListAsync(ct);

    /// <summary>The investigation as its team sees it; the read is audited. Null when missing or hidden.</summary>
    public async Task<InvestigationDto?> ReadAsync(Guid id, CancellationToken ct, string? section = null)
    {
        var standing = await gate.EnterAsync(id, ct, track: false);
        if (standing is null)
        {
            return null;
        }
        var i = standing.Investigation;
        // The team as the roster has it, and anyone else the group holds (the group is what grants sight).
        var inGroup = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == i.GroupId).Select(m => m.UserId).ToListAsync(ct);
        var userIds = i.Team.Select(m => m.UserId).Union(inGroup).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email, u.UnitId }).ToListAsync(ct);
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id);
        var threat = await db.Set<PursueReferenceItem>().AsNoTracking().Where(r => r.Kind == PursueReferenceItem.ThreatType && r.Code == i.ThreatType).Select(r => r.Name).FirstOrDefaultAsync(ct);
        var team = i.Team.OrderBy(m => m.Role).ThenBy(m => m.AddedAt).Select(m =>
        {
            var u = users.FirstOrDefault(x => x.Id == m.UserId);
            return new TeamMemberDto(m.UserId, u?.DisplayName ?? "(unknown)", u?.Email ?? "", u?.UnitId is { } unit && units.TryGetValue(unit, out var n) ? n.Name : "", m.Role, m.AddedAt);
        }).ToList();
        var groupOnly = inGroup.Where(u => i.Team.All(m => m.UserId != u)).Select(id =>
        {
            var u = users.FirstOrDefault(x => x.Id == id);
            return new GroupOnlyMemberDto(id, u?.DisplayName ?? "(unknown)", u?.Email ?? "", u?.UnitId is { } unit && units.TryGetValue(unit, out var n) ? n.Name : "");
        }).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "investigation", id.ToString(), detail: section);
        await db.SaveChangesAsync(ct);
        return new InvestigationDto(i.Id, i.OperationName, i.Summary, i.Lead, i.ThreatType, threat ?? i.ThreatType,
            i.Activities.Select(a => a.Code).ToList(), i.Risk, i.Phase, i.Outcome, i.OpenedAt, i.ClosedAt,
            units.TryGetValue(i.OwningUnitId, out var owner) ? owner.Name : "", i.Classification, i.OfficialSensitive, team, groupOnly,
            i.PhaseChanges.OrderBy(p => p.At).Select(p => new PhaseChangeDto(p.From, p.To, p.At, p.By, p.Reason)).ToList(),
            Investigation.NextAfter(i.Phase), await MovesAsync(standing, ct), StepRule<RoomWork>.For(w => standing.WhyNot(w)),
            standing.Member?.Role, standing.HasCommand, standing.CanAppoint, i.Version);
    }

    /// <summary>What the phase rules need beyond the investigation, read only for the phase that asks it.</summary>
    private async Task<PhaseEvidence> EvidenceAsync(Investigation i, Phase to, CancellationToken ct) => new(
        to == Phase.ExecutiveAction && i.Risk == RiskLevel.High
            && await db.Set<ElgMeeting>().AnyAsync(m => m.InvestigationId == i.Id && m.Decisions.Any(d => d.AuthorisesExecutiveAction), ct),
        to == Phase.Charge && await db.Set<InvestigationSubject>().AnyAsync(s => s.InvestigationId == i.Id && s.Role == SubjectRole.Suspect, ct));

    /// <summary>The moves open to the user now (the next phase, and closing), each with the rule's refusal if any.</summary>
    private async Task<IReadOnlyList<StepRule<Phase>>> MovesAsync(Standing standing, CancellationToken ct)
    {
        var i = standing.Investigation;
        if (Investigation.NextAfter(i.Phase) is not { } next)
        {
            return [];
        }
        var moves = new List<StepRule<Phase>>();
        foreach (var to in next == Phase.Closed ? [Phase.Closed] : new[] { next, Phase.Closed })
        {
            var refusal = standing.HasCommand ? i.WhyNotMoveTo(to, await EvidenceAsync(i, to, ct)) : Refusal.Forbidden(MoveRefusal);
            moves.Add(new StepRule<Phase>(to, refusal?.Message));
        }
        return moves;
    }

    private const string MoveRefusal = "Only the SIO or deputy SIO may move the investigation between phases.";

    /// <summary>The caseload: investigations the user may see, filtered, sorted and paged. Audited as a search.</summary>
    public async Task<Paged<InvestigationSummary>> CaseloadAsync(CaseloadFilter filter, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        var query = db.Set<Investigation>().AsNoTracking();
        if (!filter.IncludeClosed && filter.Phase != Phase.Closed)
        {
            query = query.Where(i => i.Phase != Phase.Closed);
        }
        if (filter.Phase is { } phase)
        {
            query = query.Where(i => i.Phase == phase);
        }
        if (filter.Risk is { } risk)
        {
            query = query.Where(i => i.Risk == risk);
        }
        if (!string.IsNullOrWhiteSpace(filter.Threat))
        {
            query = query.Where(i => i.ThreatType == filter.Threat);
        }
        if (filter.Sio is { } sio)
        {
            query = query.Where(i => i.Team.Any(m => m.Role == TeamRole.Sio && m.UserId == sio));
        }
        if (filter.Mine && access.UserId is { } me)
        {
            query = query.Where(i => i.Team.Any(m => m.UserId == me));
        }
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id);
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            var unitId = units.Values.FirstOrDefault(u => u.Code == filter.Unit)?.Id ?? Guid.Empty;
            query = query.Where(i => i.OwningUnitId == unitId);
        }
        var rows = await query.Select(i => new
        {
            i.Id, i.OperationName, i.OwningUnitId, i.Phase, i.Risk, i.ThreatType, i.Lead, i.OpenedAt, i.Classification, i.OfficialSensitive,
            SioId = i.Team.Where(m => m.Role == TeamRole.Sio).Select(m => (Guid?)m.UserId).FirstOrDefault(),
        }).ToListAsync(ct);
        // The open and overdue actions of the investigations just read through the access filter, in one grouped
        // query. An action is visible exactly when its investigation is, and these investigations are, so the
        // filter is not asked again of every action (PostgreSQL did so for each: half a second for an officer in
        // 80 teams at national size).
        var listed = rows.Select(r => r.Id).ToList();
        var actions = await db.Set<InvestigationAction>().IgnoreQueryFilters()
            .Where(a => listed.Contains(a.InvestigationId) && a.State != ActionState.Filed)
            .GroupBy(a => a.InvestigationId)
            .Select(g => new { g.Key, Open = g.Count(), Overdue = g.Count(a => a.DueDate != null && a.DueDate < today) })
            .ToDictionaryAsync(c => c.Key, c => (c.Open, c.Overdue), ct);
        var sioIds = rows.Where(r => r.SioId is not null).Select(r => r.SioId!.Value).Distinct().ToList();
        var sios = await db.Users.AsNoTracking().Where(u => sioIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var items = rows
            .Where(r => !filter.Overdue || actions.GetValueOrDefault(r.Id).Overdue > 0)
            .Select(r => new InvestigationSummary(r.Id, r.OperationName, units.TryGetValue(r.OwningUnitId, out var u) ? u.Name : "", u?.Code ?? "",
                r.Phase, r.Risk, r.ThreatType, r.Lead, r.SioId, r.SioId is { } s && sios.TryGetValue(s, out var n) ? n : null,
                actions.GetValueOrDefault(r.Id).Open, actions.GetValueOrDefault(r.Id).Overdue, r.OpenedAt, r.Classification, r.OfficialSensitive))
            .ToList();
        IEnumerable<InvestigationSummary> sorted = filter.Sort switch
        {
            CaseloadSort.Operation => items.OrderBy(i => i.OperationName, StringComparer.OrdinalIgnoreCase),
            CaseloadSort.Phase => items.OrderBy(i => i.Phase).ThenBy(i => i.OperationName, StringComparer.OrdinalIgnoreCase),
            CaseloadSort.Risk => items.OrderBy(i => i.Risk).ThenBy(i => i.OperationName, StringComparer.OrdinalIgnoreCase),
            CaseloadSort.OverdueActions => items.OrderBy(i => i.OverdueActions).ThenBy(i => i.OperationName, StringComparer.OrdinalIgnoreCase),
            _ => items.OrderBy(i => i.OpenedAt),
        };
        if (filter.Descending)
        {
            sorted = sorted.Reverse();
        }
        var (page, size) = Paging.Normalise(filter.Page, filter.PageSize);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "investigation", null, detail: $"caseload {filter with { Page = page, PageSize = size }}; {items.Count} found");
        await db.SaveChangesAsync(ct);
        return new Paged<InvestigationSummary>(sorted.Skip((page - 1) * size).Take(size).ToList(), page, size, items.Count);
    }

    /// <summary>Moves the investigation to its next phase, or closes it, by the rules; the reason is kept.</summary>
    public Task<WorkResult<InvestigationDto>> TransitionAsync(Guid id, Transition request, CancellationToken ct) =>
        gate.ForAsync<InvestigationDto>(id, s => s.HasCommand, MoveRefusal, async (standing, ct) =>
        {
            var i = standing.Investigation;
            if (request.Version is { } version && version != i.Version)
            {
                return WorkResult<InvestigationDto>.Conflict("Someone else changed this investigation first. Read it again; nothing was changed.");
            }
            var errors = ApiValidation.Validate(request);
            if (errors.Count > 0)
            {
                return WorkResult<InvestigationDto>.Invalid(errors);
            }
            var to = request.To!.Value;
            if (i.WhyNotMoveTo(to, await EvidenceAsync(i, to, ct)) is { } refusal)
            {
                return WorkResult<InvestigationDto>.Refused(refusal);
            }
            if (to == Phase.Outcome && string.IsNullOrWhiteSpace(request.Outcome))
            {
                ApiValidation.Add(errors, nameof(Transition.Outcome), "Record the outcome (for example the verdicts and sentences)");
            }
            var openActions = to == Phase.Closed ? await db.Set<InvestigationAction>().CountAsync(a => a.InvestigationId == id && a.State != ActionState.Filed, ct) : 0;
            if (openActions > 0 && string.IsNullOrWhiteSpace(request.OpenActionsReason))
            {
                ApiValidation.Add(errors, nameof(Transition.OpenActionsReason),
                    $"{openActions} action{(openActions == 1 ? " is" : "s are")} still open: record why the investigation may close with them open, or file them first");
            }
            if (errors.Count > 0)
            {
                return WorkResult<InvestigationDto>.Invalid(errors);
            }
            var now = db.Clock.GetUtcNow();
            if (openActions > 0)
            {
                await PolicyFile.AppendAsync(db, i.Id, access, $"Investigation closed with {openActions} action{(openActions == 1 ? "" : "s")} open",
                    request.OpenActionsReason!.Trim(), null, ct);
            }
            i.MoveTo(to, now, access.DisplayName ?? access.UserName ?? "", request.Reason!.Trim(), request.Outcome?.Trim());
            await db.SaveChangesAsync(ct);
            return WorkResult<InvestigationDto>.Ok((await ReadAsync(id, ct))!);
        }, ct);

    /// <summary>Adds an officer to the team: they join the investigation's need-to-know group at once.</summary>
    public Task<WorkResult<InvestigationDto>> AddMemberAsync(Guid id, AddTeamMember request, CancellationToken ct) =>
        gate.ForAsync<InvestigationDto>(id, s => s.CanAppoint, "Only the SIO or deputy SIO may change the team.", async (standing, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (errors.Count > 0)
            {
                return WorkResult<InvestigationDto>.Invalid(errors);
            }
            var i = standing.Investigation;
            var email = request.Email!.Trim().ToUpperInvariant();
            var user = await db.Users.Include(u => u.Groups).FirstOrDefaultAsync(u => u.NormalizedEmail == email && !u.IsDisabled, ct);
            var role = request.Role!.Value;
            var accredited = user is not null && role is TeamRole.Sio or TeamRole.DeputySio
                && await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).AnyAsync(n => n == Roles.Sio, ct);
            if (i.WhyNotAdd(user is null ? null : new TeamCandidate(user.Id, user.UnitId, user.Clearance, accredited), role, standing.HasCommand) is { } refusal)
            {
                return WorkResult<InvestigationDto>.Refused(refusal);
            }
            if (errors.Count > 0)
            {
                return WorkResult<InvestigationDto>.Invalid(errors);
            }
            var now = db.Clock.GetUtcNow();
            i.Team.Add(new TeamMember { UserId = user!.Id, Role = role, AddedAt = now });
            if (!user.Groups.Any(g => g.GroupId == i.GroupId))
            {
                db.Add(new GroupMembership { GroupId = i.GroupId, UserId = user.Id });
            }
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "need-to-know-group", i.GroupId.ToString(), detail: $"{user.Email} joined the team of {i.OperationName} as {role}");
            i.Touch(now);
            await db.SaveChangesAsync(ct);
            return WorkResult<InvestigationDto>.Ok((await ReadAsync(id, ct))!);
        }, ct);

    /// <summary>Removes an officer from the team; their access ends with this save.</summary>
    public Task<WorkResult<InvestigationDto>> RemoveMemberAsync(Guid id, Guid userId, CancellationToken ct) =>
        gate.ForAsync<InvestigationDto>(id, s => s.HasCommand, "Only the SIO or deputy SIO may change the team.", async (standing, ct) =>
        {
            var i = standing.Investigation;
            var member = i.Team.FirstOrDefault(m => m.UserId == userId);
            var membership = await db.GroupMemberships.FirstOrDefaultAsync(m => m.GroupId == i.GroupId && m.UserId == userId, ct);
            if (member is null && membership is not null)
            {
                // In the group but not the team (put there some other way): taken out, so they no longer see it.
                db.Remove(membership);
                db.Audit(AuditActions.Update, AuditOutcomes.Success, "need-to-know-group", i.GroupId.ToString(), detail: $"{userId} removed from the group of {i.OperationName} (was not in the team)");
                i.Touch(db.Clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                return WorkResult<InvestigationDto>.Ok((await ReadAsync(id, ct))!);
            }
            if (i.WhyNotRemove(userId) is { } refusal)
            {
                return WorkResult<InvestigationDto>.Refused(refusal);
            }
            i.Team.Remove(member!);
            // Their open actions go back to be allocated again: work is never left with someone outside the team.
            foreach (var action in await db.Set<InvestigationAction>().Where(a => a.InvestigationId == id && a.AllocatedToId == userId && a.State == ActionState.Allocated).ToListAsync(ct))
            {
                action.AllocatedToId = null;
                action.State = ActionState.Raised;
                action.Version = Guid.NewGuid();
            }
            if (membership is not null)
            {
                db.Remove(membership);
            }
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "need-to-know-group", i.GroupId.ToString(), detail: $"{userId} left the team of {i.OperationName}");
            i.Touch(db.Clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            if (userId == access.UserId)
            {
                access.GroupIds.Remove(i.GroupId);
                return WorkResult<InvestigationDto>.Missing();
            }
            return WorkResult<InvestigationDto>.Ok((await ReadAsync(id, ct))!);
        }, ct);

    public sealed record CaseloadQuery(string? Unit, Guid? Sio, Phase? Phase, RiskLevel? Risk, string? Threat, bool? Overdue, bool? Mine, bool? IncludeClosed,
        CaseloadSort? Sort, bool? Descending, int? Page, int? PageSize)
    {
        public CaseloadFilter ToFilter() => new(Unit, Sio, Phase, Risk, Threat, Overdue ?? false, Mine ?? false, IncludeClosed ?? false,
            Sort ?? CaseloadSort.Opened, Descending ?? true, Page, PageSize);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/", async ([AsParameters] CaseloadQuery q, Investigations investigations, CancellationToken ct) =>
            TypedResults.Ok(await investigations.CaseloadAsync(q.ToFilter(), ct)))
            .WithSummary("The caseload: the investigations you may see, filtered, sorted and paged");
        api.MapPost("/", (OpenInvestigation request, Investigations investigations, CancellationToken ct) =>
            investigations.OpenAsync(request, ct).AsCreated(i => $"/api/v1/investigations/{i.Id}"))
            .WithSummary("Open an investigation: its operation name, threat and activity, lead, risk and need-to-know group");
        api.MapGet("/threat-types", async (Investigations investigations, CancellationToken ct) =>
            TypedResults.Ok(await investigations.ReferenceAsync(PursueReferenceItem.ThreatType, ct)))
            .WithSummary("The threat types an investigation can be opened under (reference data)");
        api.MapGet("/activity-types", async (Investigations investigations, CancellationToken ct) =>
            TypedResults.Ok(await investigations.ReferenceAsync(PursueReferenceItem.ActivityType, ct)))
            .WithSummary("The activity types an investigation can record (reference data)");
        api.MapGet("/{id:guid}", (Guid id, Investigations investigations, CancellationToken ct) => investigations.ReadAsync(id, ct).AsFound())
            .WithSummary("One investigation: phase, team, risk and history");
        api.MapPost("/{id:guid}/transitions", (Guid id, Transition request, Investigations investigations, CancellationToken ct) =>
            investigations.TransitionAsync(id, request, ct).AsOk())
            .WithSummary("Move the investigation to its next phase, or close it, with the reason (SIO or deputy)");
        api.MapPost("/{id:guid}/team", (Guid id, AddTeamMember request, Investigations investigations, CancellationToken ct) =>
            investigations.AddMemberAsync(id, request, ct).AsOk())
            .WithSummary("Add an officer to the team in a role; they join the investigation's need-to-know group");
        api.MapDelete("/{id:guid}/team/{userId:guid}", (Guid id, Guid userId, Investigations investigations, CancellationToken ct) =>
            investigations.RemoveMemberAsync(id, userId, ct).AsNoContent())
            .WithSummary("Remove an officer from the team and from the investigation's group");
    }
}

public static class OperationNames
{
    /// <summary>An operation name as the register holds it: "kestrel" and "Operation kestrel" are "Operation kestrel".</summary>
    public static string Normalise(string? typed)
    {
        var name = typed?.Trim() ?? "";
        return name.Length > 0 && !name.StartsWith("Operation ", StringComparison.OrdinalIgnoreCase) ? "Operation " + name : name;
    }
}
