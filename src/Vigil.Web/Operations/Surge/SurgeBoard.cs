using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Operations;

public sealed record ProposalResult(int Lines, int Requests, int Unmet, long Value, bool Optimal, double Seconds);

/// <summary>
/// The operations centre's board: the open requests of the incidents the coordinator is briefed on with the lines
/// offered to them; the optimiser's proposal (<see cref="SurgeOptimiser"/>) over every unit's capacity less the
/// officers already deployed; the coordinator's decision on each line (accept, change, reject, with a reason), which
/// never takes a unit below its minimum cover; and the deployments' arrival and standing down.
/// </summary>
public sealed class SurgeBoard(VigilDb db, AccessContext access, IOrganisationDirectory directory, SurgeRequests requests, Incidents incidents)
{
    public const int DefaultNeighbourPreference = 10;

    public async Task<WorkResult<SurgeBoardDto>> BoardAsync(CancellationToken ct)
    {
        if (!SurgeRoles.IsOperationsCentre(access))
        {
            return await RefuseAsync<SurgeBoardDto>("The surge board is the operations centre's", ct);
        }
        var open = await OpenRequests().OrderByDescending(r => r.Priority == SurgePriority.High).ThenByDescending(r => r.Priority == SurgePriority.Medium)
            .ThenBy(r => r.RequestedAt).Take(500).ToListAsync(ct);
        var list = await requests.DtosAsync(open, null, ct);
        var ids = open.Select(r => r.Id).ToList();
        var last = await db.Set<SurgeAllocation>().AsNoTracking().Where(a => ids.Contains(a.RequestId)).OrderByDescending(a => a.ProposedAt).Select(a => (DateTimeOffset?)a.ProposedAt).FirstOrDefaultAsync(ct);
        var board = new SurgeBoardDto(await incidents.ListAsync(ct), list, await OffersAsync(open, ct), last, DefaultNeighbourPreference);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "surge-request", detail: $"the surge board ({list.Count} open requests)");
        await db.SaveChangesAsync(ct);
        return WorkResult<SurgeBoardDto>.Ok(board);
    }

    /// <summary>Runs the optimiser over the open requests the coordinator sees: undecided lines are replaced by the new
    /// proposal, and each request notes what it leaves unmet and why.</summary>
    public async Task<WorkResult<ProposalResult>> ProposeAsync(ProposeSurge request, CancellationToken ct)
    {
        if (!SurgeRoles.IsOperationsCentre(access))
        {
            return await RefuseAsync<ProposalResult>("Allocations are proposed by the operations centre", ct);
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<ProposalResult>.Invalid(errors);
        }
        var today = Today;
        var open = await OpenRequests().AsTracking().OrderBy(r => r.RequestedAt).Take(1000).ToListAsync(ct);
        var ids = open.Select(r => r.Id).ToList();
        var lines = await db.Set<SurgeAllocation>().Where(a => ids.Contains(a.RequestId) && (a.Status == AllocationStatus.Proposed || a.Status == AllocationStatus.Accepted || a.Status == AllocationStatus.Changed)).ToListAsync(ct);
        var units = (await directory.UnitsAsync(ct)).Where(u => OperationsReferenceData.IsRegional(u.Code)).ToList();
        var codeOf = units.ToDictionary(u => u.Id, u => u.Code);
        var needs = open.Select(r => (Request: r, Left: r.Officers - lines.Where(a => a.RequestId == r.Id && a.IsDeployment).Sum(a => a.Officers)))
            .Where(p => p.Left > 0 && codeOf.ContainsKey(p.Request.RequestingUnitId))
            .Select(p => new SurgeNeed(p.Request.Id.ToString(), codeOf[p.Request.RequestingUnitId], p.Request.Capability, p.Left,
                p.Request.From < today ? today : p.Request.From, p.Request.To, p.Request.Priority)).ToList();
        var capacity = needs.Count == 0 ? [] : await CapacityAsync(needs, units, ct);
        var names = units.ToDictionary(u => u.Code, u => u.Name);
        string Name(string code) => names.GetValueOrDefault(code) ?? OperationsReferenceData.CapabilityName(code)?.ToLowerInvariant() ?? code;
        var proposal = SurgeOptimiser.Propose(needs, capacity, OperationsReferenceData.AreNeighbours,
            new SurgeSettings(request.NeighbourPreference ?? DefaultNeighbourPreference, SecondsAllowed: 5), Name);

        var now = AuditChain.Normalise(db.Clock.GetUtcNow());
        var proposalId = Guid.CreateVersion7();
        var incidentIds = open.Select(r => r.IncidentId).Distinct().ToList();
        var classifications = await db.Set<SurgeIncident>().AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Classification, ct);
        lines.Where(a => a.Status == AllocationStatus.Proposed).ToList().ForEach(a => a.Status = AllocationStatus.Superseded);
        var byId = open.ToDictionary(r => r.Id.ToString());
        foreach (var line in proposal.Lines)
        {
            var r = byId[line.RequestId];
            var need = needs.First(n => n.Id == line.RequestId);
            db.Add(new SurgeAllocation
            {
                ProposalId = proposalId, RequestId = r.Id, IncidentId = r.IncidentId, RequestingUnitId = r.RequestingUnitId, Classification = classifications[r.IncidentId], GivingUnitId = units.First(u => u.Code == line.GivingUnit).Id,
                Capability = r.Capability, From = need.From, To = need.To, Where = r.Where, ProposedOfficers = line.Officers, Officers = line.Officers,
                Why = Platform.Inbox.UnitInbox.Fit(line.Why, 1000), ProposedAt = now, Status = AllocationStatus.Proposed,
            });
        }
        foreach (var r in open)
        {
            var shortfall = proposal.Shortfalls.FirstOrDefault(s => s.RequestId == r.Id.ToString());
            var text = shortfall is null ? "" : Platform.Inbox.UnitInbox.Fit($"{shortfall.Officers - shortfall.Met} of {shortfall.Officers} not met: {shortfall.Why}", 1000);
            if (text != r.Shortfall)
            {
                r.Shortfall = text;
                r.Version = Guid.NewGuid();
            }
        }
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "surge-request",
            detail: $"allocation proposed: {proposal.Lines.Count} lines for {needs.Count} requests; {proposal.Shortfalls.Count} not met in full; value {proposal.Value}; {(proposal.Optimal ? "proven optimal" : "best found in the time allowed")}");
        await db.SaveChangesAsync(ct);
        return WorkResult<ProposalResult>.Ok(new ProposalResult(proposal.Lines.Count, needs.Count, proposal.Shortfalls.Count, proposal.Value, proposal.Optimal, proposal.Took.TotalSeconds));
    }

    /// <summary>What each regional unit can offer of each capability the open requests ask for: its fewest spare on any
    /// day those requests cover (from today).</summary>
    private async Task<IReadOnlyList<CapabilityOffers>> OffersAsync(IReadOnlyList<SurgeRequest> open, CancellationToken ct)
    {
        var today = Today;
        var needs = open.Select(r => new SurgeNeed(r.Id.ToString(), r.RequestingUnitId.ToString(), r.Capability, r.Officers, r.From < today ? today : r.From, r.To, r.Priority)).ToList();
        if (needs.Count == 0)
        {
            return [];
        }
        var units = (await directory.UnitsAsync(ct)).Where(u => OperationsReferenceData.IsRegional(u.Code)).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var capacity = await CapacityAsync(needs, units, ct);
        return [.. needs.GroupBy(n => n.Capability).OrderBy(g => OperationsReferenceData.Capabilities.ToList().FindIndex(c => c.Code == g.Key)).Select(g =>
        {
            var days = g.SelectMany(n => n.Days()).ToHashSet();
            // A unit asking for the capability has none to offer of it.
            var asking = g.Select(n => n.RequestingUnit).ToHashSet();
            return new CapabilityOffers(g.Key, OperationsReferenceData.CapabilityName(g.Key) ?? g.Key, [.. units.Where(u => !asking.Contains(u.Id.ToString()))
                .Select(u => new UnitSpare(u.Name, days.Select(d => capacity.FirstOrDefault(c => c.Unit == u.Code && c.Capability == g.Key && c.Day == d)?.Spare ?? 0).Min()))
                .Where(x => x.Spare > 0)]);
        })];
    }

    /// <summary>Each regional unit's officers of the needed capabilities on each day the requests cover, less those
    /// already deployed away (a unit's capacity counts every deployment of its officers, whichever incident).</summary>
    private async Task<List<CapacityDay>> CapacityAsync(IReadOnlyList<SurgeNeed> needs, IReadOnlyList<UnitOrAgency> units, CancellationToken ct)
    {
        var first = needs.Min(n => n.From);
        var last = needs.Max(n => n.To);
        var capabilities = needs.Select(n => n.Capability).Distinct().ToList();
        var entries = await db.Set<UnitCapacity>().AsNoTracking().Where(c => capabilities.Contains(c.Capability) && c.From <= last && c.To >= first).ToListAsync(ct);
        var away = await db.Set<SurgeAllocation>().AsNoTracking()
            .Where(a => capabilities.Contains(a.Capability) && (a.Status == AllocationStatus.Accepted || a.Status == AllocationStatus.Changed) && a.StoodDownAt == null && a.From <= last && a.To >= first)
            .ToListAsync(ct);
        var result = new List<CapacityDay>();
        foreach (var (capability, day) in needs.SelectMany(n => n.Days().Select(d => (n.Capability, d))).Distinct())
        {
            foreach (var unit in units)
            {
                if (UnitCapacity.InForce(entries.Where(e => e.UnitId == unit.Id && e.Capability == capability), day) is { } entry)
                {
                    var gone = away.Where(a => a.GivingUnitId == unit.Id && a.Capability == capability).Sum(a => a.AwayOn(day));
                    result.Add(new CapacityDay(unit.Code, capability, day, Math.Max(0, entry.Available - gone), entry.MinimumCover));
                }
            }
        }
        return result;
    }

    /// <summary>The coordinator's decision on one proposed line: accept it, change its number, or reject it, with a
    /// reason (required to change or reject). A deployment may never take its unit below its minimum cover on any day.</summary>
    public async Task<WorkResult<AllocationDto>> DecideAsync(Guid id, DecideLine request, CancellationToken ct)
    {
        var line = await VisibleLineAsync(id, ct);
        if (line is null)
        {
            return WorkResult<AllocationDto>.Missing();
        }
        if (!SurgeRoles.IsOperationsCentre(access))
        {
            return await RefuseAsync<AllocationDto>("Lines are decided by the operations centre", ct);
        }
        var errors = ApiValidation.Validate(request);
        if (request.Decision is not { } decision || !Enum.IsDefined(decision))
        {
            ApiValidation.Add(errors, nameof(request.Decision), "Choose to accept, change or reject the line");
        }
        else if (decision is LineDecision.Change && request.Officers is null && !errors.ContainsKey(nameof(request.Officers)))
        {
            ApiValidation.Add(errors, nameof(request.Officers), "Enter the number of officers the unit is to give");
        }
        if (request.Decision is LineDecision.Change or LineDecision.Reject && string.IsNullOrWhiteSpace(request.Reason) && !errors.ContainsKey(nameof(request.Reason)))
        {
            ApiValidation.Add(errors, nameof(request.Reason), request.Decision is LineDecision.Change ? "Enter the reason for the change" : "Enter the reason for rejecting the line");
        }
        if (errors.Count > 0)
        {
            return WorkResult<AllocationDto>.Invalid(errors);
        }
        if (request.Version is { } version && version != line.Version)
        {
            return WorkResult<AllocationDto>.Conflict("The line has changed since you read it; read it again");
        }
        if (await DecideOneAsync(line, request.Decision!.Value, request.Officers, request.Reason, ct) is { } refusal)
        {
            return WorkResult<AllocationDto>.Refused(refusal);
        }
        await db.SaveChangesAsync(ct);
        return WorkResult<AllocationDto>.Ok(SurgeRequests.AllocationDto(line, await directory.UnitsAsync(ct), null, access));
    }

    /// <summary>Accepts every proposed line the coordinator sees, all or none: if one would break a minimum cover or
    /// over-fill its request, nothing is accepted and the answer names that line.</summary>
    public async Task<WorkResult<int>> AcceptAllAsync(AcceptAll request, CancellationToken ct)
    {
        if (!SurgeRoles.IsOperationsCentre(access))
        {
            return await RefuseAsync<int>("Lines are decided by the operations centre", ct);
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<int>.Invalid(errors);
        }
        var ids = await OpenRequests().Select(r => r.Id).ToListAsync(ct);
        var proposed = await db.Set<SurgeAllocation>().Where(a => ids.Contains(a.RequestId) && a.Status == AllocationStatus.Proposed).OrderBy(a => a.ProposedAt).ToListAsync(ct);
        if (proposed.Count == 0)
        {
            return WorkResult<int>.Conflict("There is no proposed line to accept");
        }
        foreach (var line in proposed)
        {
            if (await DecideOneAsync(line, LineDecision.Accept, null, request.Reason, ct) is { } refusal)
            {
                var units = await directory.UnitsAsync(ct);
                return WorkResult<int>.Refused(refusal with { Message = $"{units.FirstOrDefault(u => u.Id == line.GivingUnitId)?.Name}'s line: {refusal.Message}. Nothing was accepted." });
            }
        }
        await db.SaveChangesAsync(ct);
        return WorkResult<int>.Ok(proposed.Count);
    }

    private async Task<Refusal?> DecideOneAsync(SurgeAllocation line, LineDecision decision, int? officers, string? reason, CancellationToken ct)
    {
        if (line.WhyNotDecide() is { } refusal)
        {
            return refusal;
        }
        var now = AuditChain.Normalise(db.Clock.GetUtcNow());
        if (decision is LineDecision.Accept or LineDecision.Change)
        {
            var number = decision is LineDecision.Change ? officers!.Value : line.Officers;
            // Tracked, and its version changed with the decision: two decisions on one request at once conflict (409), so
            // together they cannot over-fill it.
            var request = await db.Set<SurgeRequest>().FirstAsync(r => r.Id == line.RequestId, ct);
            request.Version = Guid.NewGuid();
            if (request.WithdrawnAt is not null)
            {
                return Refusal.Conflict("The request has been withdrawn");
            }
            // Read with tracking: lines accepted earlier in this same decision answer with their new, unsaved status.
            var deployed = (await db.Set<SurgeAllocation>().Where(a => a.RequestId == request.Id && a.Id != line.Id).ToListAsync(ct)).Where(a => a.IsDeployment).Sum(a => a.Officers);
            if (deployed + number > request.Officers)
            {
                return Refusal.Invalid("Officers", $"The request asks for {request.Officers}; {deployed} are already allocated, so at most {Math.Max(0, request.Officers - deployed)} more");
            }
            if (await WhyNotSpareAsync(line, number, ct) is { } cover)
            {
                return cover;
            }
            line.Officers = number;
            line.Status = decision is LineDecision.Change && number != line.ProposedOfficers ? AllocationStatus.Changed : AllocationStatus.Accepted;
            line.Reason = reason?.Trim() is { Length: > 0 } given ? given : "Accepted as proposed";
        }
        else
        {
            line.Status = AllocationStatus.Rejected;
            line.Reason = reason!.Trim();
        }
        line.DecidedBy = Who;
        line.DecidedAt = now;
        line.Version = Guid.NewGuid();
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "surge-allocation", line.Id.ToString(), detail: $"{line.Status}: {line.Officers} {line.Capability}; {line.Reason}");
        return null;
    }

    /// <summary>Why giving <paramref name="officers"/> on this line would take its unit below its minimum cover on some
    /// day (with every other deployment of the unit's officers, saved or being accepted now), or null.</summary>
    private async Task<Refusal?> WhyNotSpareAsync(SurgeAllocation line, int officers, CancellationToken ct)
    {
        var entries = await db.Set<UnitCapacity>().AsNoTracking().Where(c => c.UnitId == line.GivingUnitId && c.Capability == line.Capability && c.From <= line.To && c.To >= line.From).ToListAsync(ct);
        // Tracked, so that lines accepted earlier in this same decision count with their new status.
        var others = (await db.Set<SurgeAllocation>()
            .Where(a => a.GivingUnitId == line.GivingUnitId && a.Capability == line.Capability && a.Id != line.Id && a.StoodDownAt == null && a.From <= line.To && a.To >= line.From)
            .ToListAsync(ct)).Where(a => a.IsDeployment).ToList();
        var unit = (await directory.UnitsAsync(ct)).FirstOrDefault(u => u.Id == line.GivingUnitId)?.Name ?? "The unit";
        var capability = OperationsReferenceData.CapabilityName(line.Capability)?.ToLowerInvariant() ?? line.Capability;
        foreach (var day in line.Days())
        {
            if (UnitCapacity.InForce(entries, day) is not { } entry)
            {
                return Refusal.Invalid("Officers", $"{unit} has no {capability} recorded for {day:d MMMM}");
            }
            var spare = entry.Available - entry.MinimumCover - others.Sum(a => a.AwayOn(day));
            if (officers > spare)
            {
                return Refusal.Invalid("Officers", $"That would take {unit} below its minimum cover of {capability} on {day:d MMMM}: it has {Math.Max(0, spare)} to spare that day");
            }
        }
        return null;
    }

    /// <summary>One line, for those who may see it (null otherwise, as if there were none), with the incident's name
    /// only for those briefed on it.</summary>
    public async Task<AllocationDto?> ReadLineAsync(Guid id, CancellationToken ct)
    {
        var line = await VisibleLineAsync(id, ct);
        if (line is null)
        {
            return null;
        }
        var incident = await db.Set<SurgeIncident>().AsNoTracking().Where(i => i.Id == line.IncidentId).Select(i => i.Name).FirstOrDefaultAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "surge-allocation", id.ToString());
        await db.SaveChangesAsync(ct);
        return SurgeRequests.AllocationDto(line, await directory.UnitsAsync(ct), incident, access);
    }

    /// <summary>Records the officers' arrival (the receiving unit or the operations centre).</summary>
    public Task<WorkResult<AllocationDto>> ArriveAsync(Guid id, CancellationToken ct) => MoveAsync(id, (line, access) => SurgeRoles.IsOperationsCentre(access)
        || (SurgeRoles.ManagesUnit(access) && access.UnitId == line.RequestingUnitId), line => line.WhyNotArrive(), (line, now) => line.ArrivedAt = now, "arrived",
        "Arrival is recorded by the receiving unit or the operations centre", ct);

    /// <summary>Stands the officers down (either unit or the operations centre): from that day they count at home again.</summary>
    public Task<WorkResult<AllocationDto>> StandDownAsync(Guid id, CancellationToken ct) => MoveAsync(id, (line, access) => SurgeRoles.IsOperationsCentre(access)
        || (SurgeRoles.ManagesUnit(access) && (access.UnitId == line.RequestingUnitId || access.UnitId == line.GivingUnitId)), line => line.WhyNotStandDown(),
        (line, now) => line.StoodDownAt = now, "stood down", "A deployment is stood down by either unit or the operations centre", ct);

    private async Task<WorkResult<AllocationDto>> MoveAsync(Guid id, Func<SurgeAllocation, AccessContext, bool> may, Func<SurgeAllocation, Refusal?> whyNot,
        Action<SurgeAllocation, DateTimeOffset> apply, string what, string refused, CancellationToken ct)
    {
        var line = await VisibleLineAsync(id, ct);
        if (line is null)
        {
            return WorkResult<AllocationDto>.Missing();
        }
        if (!may(line, access))
        {
            return await RefuseAsync<AllocationDto>(refused, ct);
        }
        if (whyNot(line) is { } refusal)
        {
            return WorkResult<AllocationDto>.Refused(refusal);
        }
        apply(line, AuditChain.Normalise(db.Clock.GetUtcNow()));
        line.Version = Guid.NewGuid();
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "surge-allocation", id.ToString(), detail: what);
        await db.SaveChangesAsync(ct);
        return WorkResult<AllocationDto>.Ok(SurgeRequests.AllocationDto(line, await directory.UnitsAsync(ct), null, access));
    }

    /// <summary>Names an officer of the giving unit as one of those going (its SIO or coordinator, or the operations
    /// centre): the deployment then appears in the officer's own view.</summary>
    public async Task<WorkResult<AllocationDto>> NameAsync(Guid id, NameOfficer request, CancellationToken ct)
    {
        var line = await VisibleLineAsync(id, ct);
        if (line is null)
        {
            return WorkResult<AllocationDto>.Missing();
        }
        if (!(SurgeRoles.IsOperationsCentre(access) || (SurgeRoles.ManagesUnit(access) && access.UnitId == line.GivingUnitId)))
        {
            return await RefuseAsync<AllocationDto>("The officers going are named by the giving unit's SIO or coordinator, or the operations centre", ct);
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<AllocationDto>.Invalid(errors);
        }
        var email = request.Email!.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email && !u.IsDisabled).Select(u => new { u.Id, u.DisplayName, u.UnitId, u.Clearance }).FirstOrDefaultAsync(ct);
        // One answer whether the address is unknown or another unit's: naming does not tell who has an account.
        if (line.WhyNotName(user?.Id ?? Guid.Empty, user?.UnitId, user?.Clearance ?? Classification.Official) is { } refusal)
        {
            return WorkResult<AllocationDto>.Refused(refusal);
        }
        line.Named.Add(new DeployedOfficer { UserId = user!.Id, Name = user.DisplayName, NamedAt = AuditChain.Normalise(db.Clock.GetUtcNow()) });
        line.Version = Guid.NewGuid();
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "surge-allocation", id.ToString(), detail: $"{user.DisplayName} named as going");
        await db.SaveChangesAsync(ct);
        return WorkResult<AllocationDto>.Ok(SurgeRequests.AllocationDto(line, await directory.UnitsAsync(ct), null, access));
    }

    /// <summary>The deployments the signed-in officer is named on, newest first.</summary>
    public async Task<IReadOnlyList<AllocationDto>> MineAsync(CancellationToken ct)
    {
        if (access.UserId is not { } me || !SurgeRoles.Reads(access))
        {
            return [];
        }
        var lines = await db.Set<SurgeAllocation>().AsNoTracking().Where(a => a.Named.Any(n => n.UserId == me) && a.Classification <= access.Clearance).OrderByDescending(a => a.From).Take(50).ToListAsync(ct);
        var incidentIds = lines.Select(a => a.IncidentId).Distinct().ToList();
        var briefed = await db.Set<SurgeIncident>().AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "surge-allocation", detail: $"own deployments ({lines.Count})");
        await db.SaveChangesAsync(ct);
        var units = await directory.UnitsAsync(ct);
        return [.. lines.Select(a => SurgeRequests.AllocationDto(a, units, briefed.GetValueOrDefault(a.IncidentId), access))];
    }

    /// <summary>A line as its readers see it: the operations centre and anyone briefed on the incident (through its
    /// request), and the two units it moves officers between. Anyone else: null, as if there were none.</summary>
    private async Task<SurgeAllocation?> VisibleLineAsync(Guid id, CancellationToken ct)
    {
        var line = SurgeRoles.Reads(access) ? await db.Set<SurgeAllocation>().FirstOrDefaultAsync(a => a.Id == id, ct) : null;
        if (line is not null && !((line.GivingUnitId == access.UnitId || line.RequestingUnitId == access.UnitId) && line.Classification <= access.Clearance)
            && !await db.Set<SurgeRequest>().AnyAsync(r => r.Id == line.RequestId, ct))
        {
            line = null;
        }
        if (line is null)
        {
            await db.RecordMissAsync<SurgeAllocation>(a => a.Id == id, "surge-allocation", id.ToString(), ct: ct);
        }
        return line;
    }

    private IQueryable<SurgeRequest> OpenRequests()
    {
        var today = Today;
        return db.Set<SurgeRequest>().AsNoTracking().Where(r => r.WithdrawnAt == null && r.To >= today);
    }

    private DateOnly Today => DateOnly.FromDateTime(AuditChain.Normalise(db.Clock.GetUtcNow()).UtcDateTime);

    private string Who => access.DisplayName ?? access.UserName ?? "";

    private async Task<WorkResult<T>> RefuseAsync<T>(string message, CancellationToken ct)
    {
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "surge-request", detail: message);
        await db.SaveChangesAsync(ct);
        return WorkResult<T>.Forbidden(message);
    }
}
