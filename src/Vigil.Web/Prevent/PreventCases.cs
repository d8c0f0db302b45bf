using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Prevent;

public sealed record PreventWorkDue(int AtGateway, int GatewayOverdue, int ReviewsDue, int ReviewsOverdue);

public enum CaseSort { Referred, GatewayDue, Reference, Stage }

public sealed record CaseFilter(PreventStage? Stage = null, string? Panel = null, bool IncludeClosed = false, string? Name = null,
    CaseSort Sort = CaseSort.Referred, bool Descending = true, int? Page = null, int? PageSize = null);

/// <summary>
/// The Prevent case from the gateway to the reviews after exit. Every step checks the case's stage,
/// records who took it and why in the case history, and saves in one transaction with its audit entry.
/// A case the user may not see answers exactly as a missing one (the refusal is audited). The gateway is
/// police work; the panel's work (information, assessment, decision, consent, support, exit, reviews) is
/// shared by the Prevent officers and the panel's members.
/// </summary>
public sealed class PreventCases(VigilDb db, AccessContext access, DeconflictionService deconfliction)
{
    /// <summary>How long the police have to screen a referral (Channel Duty Guidance: about 5 days).</summary>
    public const int GatewayTargetDays = 5;

    private const string DeconflictionEvent = "Deconfliction check";

    private DateTimeOffset Now => db.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private string Me => access.DisplayName ?? access.UserName ?? "";
    private bool IsPolice => access.IsInRole(Roles.PreventOfficer) && access.PartnerAgencyId is null;

    // ---- Reading ----

    public async Task<Paged<PreventCaseListItem>> ListAsync(CaseFilter filter, CancellationToken ct)
    {
        var query = db.Set<PreventCase>().AsNoTracking();
        if (filter.Stage is { } stage)
        {
            query = query.Where(c => c.Stage == stage);
        }
        else if (!filter.IncludeClosed)
        {
            query = query.Where(c => c.Stage != PreventStage.Closed);
        }
        if (!string.IsNullOrWhiteSpace(filter.Panel))
        {
            var panelId = await db.Set<ChannelPanel>().Where(p => p.Code == filter.Panel).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
            query = query.Where(c => c.PanelId == panelId);
        }
        var people = db.Set<Subject>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var name = filter.Name.Trim().ToLower();
            var ids = people.Where(s => s.Surname.ToLower().Contains(name) || s.GivenName.ToLower().Contains(name)).Select(s => s.Id);
            query = query.Where(c => ids.Contains(c.SubjectId) || c.Reference.ToLower() == name);
        }
        query = (filter.Sort, filter.Descending) switch
        {
            (CaseSort.GatewayDue, false) => query.OrderBy(c => c.GatewayDue).ThenBy(c => c.Number),
            (CaseSort.GatewayDue, true) => query.OrderByDescending(c => c.GatewayDue).ThenBy(c => c.Number),
            (CaseSort.Reference, false) => query.OrderBy(c => c.Reference),
            (CaseSort.Reference, true) => query.OrderByDescending(c => c.Reference),
            (CaseSort.Stage, false) => query.OrderBy(c => c.Stage).ThenByDescending(c => c.ReferredAt),
            (CaseSort.Stage, true) => query.OrderByDescending(c => c.Stage).ThenByDescending(c => c.ReferredAt),
            (_, false) => query.OrderBy(c => c.ReferredAt).ThenBy(c => c.Number),
            _ => query.OrderByDescending(c => c.ReferredAt).ThenByDescending(c => c.Number),
        };
        var (page, size) = Paging.Normalise(filter.Page, filter.PageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var items = await ListItemsAsync(rows, ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "prevent-case", detail: $"stage {filter.Stage}; panel {filter.Panel}; name {filter.Name}; {total} found; shown: {string.Join(",", rows.Select(r => r.Reference))}");
        await db.SaveChangesAsync(ct);
        return new Paged<PreventCaseListItem>(items, page, size, total);
    }

    internal async Task<List<PreventCaseListItem>> ListItemsAsync(IReadOnlyCollection<PreventCase> rows, CancellationToken ct)
    {
        var subjectIds = rows.Select(r => r.SubjectId).ToList();
        var names = await db.Set<Subject>().AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.GivenName + " " + s.Surname, ct);
        var panels = await PanelNamesAsync(ct);
        var concerns = await ConcernNamesAsync(ct);
        return rows.Select(c => new PreventCaseListItem(c.Id, c.Reference, names.GetValueOrDefault(c.SubjectId, "(withheld)"), c.AgeAtReferral,
            panels.GetValueOrDefault(c.PanelId, ""), c.Stage, c.Closure, concerns.GetValueOrDefault((c.ConcernScheme, c.ConcernCode), c.ConcernCode),
            c.Sector, c.ReferredAt, c.GatewayDue, c.Stage == PreventStage.Gateway && c.GatewayDue < Today)).ToList();
    }

    public async Task<PreventCaseDto?> ReadAsync(Guid id, CancellationToken ct)
    {
        var found = await FindAsync(id, ct, track: false);
        if (found is null)
        {
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "prevent-case", id.ToString());
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(found, ct);
    }

    /// <summary>For the home page: cases at the gateway and reviews due in the next 14 days, each with how many
    /// are overdue (counts of what the user may see; no record is read).</summary>
    public async Task<PreventWorkDue> WorkDueAsync(CancellationToken ct)
    {
        var today = Today;
        var gateway = AtGateway;
        var reviews = ReviewsDueBy(today.AddDays(ReviewsDueDays));
        return new PreventWorkDue(await gateway.CountAsync(ct), await gateway.CountAsync(c => c.GatewayDue < today, ct),
            await reviews.CountAsync(ct), await reviews.CountAsync(r => r.DueOn < today, ct));
    }

    /// <summary>The window of the reviews-due queue, in days.</summary>
    public const int ReviewsDueDays = 14;

    /// <summary>The gateway's queue and the reviews due, as the queues and the home page's counts both read them.</summary>
    private IQueryable<PreventCase> AtGateway => db.Set<PreventCase>().Where(c => c.Stage == PreventStage.Gateway);

    private IQueryable<CaseReview> ReviewsDueBy(DateOnly until) => db.Set<CaseReview>().Where(r => r.CompletedOn == null && !r.Cancelled && r.DueOn <= until);

    /// <summary>Cases at the gateway, the oldest target first; overdue ones are flagged.</summary>
    public async Task<IReadOnlyList<PreventCaseListItem>> AssessmentsDueAsync(CancellationToken ct)
    {
        var rows = await AtGateway.AsNoTracking()
            .OrderBy(c => c.GatewayDue).ThenBy(c => c.Number).Take(500).ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "prevent-case", detail: $"assessments due: {string.Join(",", rows.Select(r => r.Reference))}");
        await db.SaveChangesAsync(ct);
        return await ListItemsAsync(rows, ct);
    }

    /// <summary>What a panel has before it: cases referred to it and not yet decided, then those in support.</summary>
    public async Task<IReadOnlyList<PreventCaseListItem>?> AgendaAsync(string panelCode, CancellationToken ct)
    {
        var panel = await db.Set<ChannelPanel>().AsNoTracking().FirstOrDefaultAsync(p => p.Code == panelCode, ct);
        if (panel is null || !ChannelPanels.CanSee(access, panel))
        {
            return null;
        }
        var rows = await db.Set<PreventCase>().AsNoTracking()
            .Where(c => c.PanelId == panel.Id && (c.Stage == PreventStage.Panel || c.Stage == PreventStage.Support))
            .OrderBy(c => c.Stage).ThenBy(c => c.GatewayAt).ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "prevent-case", detail: $"panel agenda {panel.Code}: {string.Join(",", rows.Select(r => r.Reference))}");
        await db.SaveChangesAsync(ct);
        return await ListItemsAsync(rows, ct);
    }

    /// <summary>Reviews not yet done that fall due within the window (overdue ones included).</summary>
    public async Task<IReadOnlyList<ReviewDueItem>> ReviewsDueAsync(int withinDays, CancellationToken ct)
    {
        var until = Today.AddDays(Math.Clamp(withinDays, 0, 366));
        var reviews = await ReviewsDueBy(until).AsNoTracking()
            .OrderBy(r => r.DueOn).Take(500).ToListAsync(ct);
        var caseIds = reviews.Select(r => r.CaseId).Distinct().ToList();
        var cases = await db.Set<PreventCase>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);
        var items = (await ListItemsAsync(cases, ct)).ToDictionary(i => i.Id);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "prevent-review", detail: $"reviews due within {withinDays} days: {string.Join(",", reviews.Where(r => items.ContainsKey(r.CaseId)).Select(r => items[r.CaseId].Reference))}");
        await db.SaveChangesAsync(ct);
        return reviews.Where(r => items.ContainsKey(r.CaseId)).Select(r =>
        {
            var c = items[r.CaseId];
            return new ReviewDueItem(r.CaseId, c.Reference, c.Person, r.Id, r.Kind, r.DueOn, r.DueOn < Today, c.Panel);
        }).ToList();
    }

    /// <summary>The factors of the vulnerability assessment framework in force, in the framework's order
    /// (reference data, the same for every reader).</summary>
    public async Task<IReadOnlyList<VafFactor>> FactorsAsync(CancellationToken ct) =>
        await db.Set<VafFactor>().AsNoTracking().Where(f => f.FrameworkVersion == PreventReferenceSeed.VafVersion).OrderBy(f => f.Order).ToListAsync(ct);

    // ---- The gateway (police) ----

    /// <summary>Runs the network-wide deconfliction check on the person (is this person already known, to
    /// whom, and in a live investigation?) and keeps what it found on the case, for police eyes only.</summary>
    public Task<WorkResult<PreventCaseDto>> DeconflictAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, police: true, "run the gateway's deconfliction check", null, async (found, _, ct) =>
        {
            if (found.Stage is not PreventStage.Gateway)
            {
                return WorkResult<PreventCaseDto>.Conflict("Deconfliction is part of the gateway assessment; this case is past the gateway.");
            }
            var person = await db.Set<Subject>().AsNoTracking().FirstAsync(s => s.Id == found.SubjectId, ct);
            var outcome = await deconfliction.CheckAsync(new DeconflictionRequest
            {
                Purpose = $"Prevent gateway assessment of {found.Reference}",
                Person = new PersonQuery(person.GivenName, person.Surname, person.DateOfBirth, person.Gender),
            }, ct);
            if (outcome.Value is not { } check)
            {
                return outcome.As<PreventCaseDto>();
            }
            var others = check.Hits.Where(h => h.Subject?.Id != found.SubjectId).ToList();
            var summary = others.Count == 0
                ? "No other record of this person anywhere in the network."
                // Kept masked whatever the officer could see: later readers may not see those records.
                : string.Join("\n", others.Select(h =>
                    $"A record held by {h.OwningUnit} (matched on {h.MatchedOn}, {h.BandText})"
                    + (h.KnownTo.Count > 0 ? $"; {string.Join("; ", h.KnownTo)}" : "")
                    + $"; contact {(h.Contact is { Length: > 0 } contact ? contact : "the holding unit")}"));
            var live = others.Any(h => h.KnownTo.Any(k => k.StartsWith(SubjectInvolvements.LiveInvestigation, StringComparison.Ordinal)));
            found.DeconflictedAt = Now;
            found.DeconflictionSummary = (live ? "LIVE INVESTIGATION: speak to the owning unit before any Prevent contact.\n" : "") + summary;
            found.Record(Now, Me, DeconflictionEvent, $"check {check.CheckId}: {others.Count} other record(s){(live ? ", one in a live investigation" : "")}", policeOnly: true);
            return await SavedAsync(found, ct);
        }, ct);

    public Task<WorkResult<PreventCaseDto>> GatewayAsync(Guid id, GatewayRequest request, CancellationToken ct) =>
        StepAsync(id, police: true, "record the gateway assessment", request, async (found, errors, ct) =>
        {
            if (request.Outcome is GatewayOutcome.Signposted && string.IsNullOrWhiteSpace(request.SignpostedTo))
            {
                ApiValidation.Add(errors, nameof(GatewayRequest.SignpostedTo), "Say which services the person was signposted to");
            }
            if (request.Outcome is GatewayOutcome.ReferredToChannel && request.Finding is VulnerabilityFinding.NotAppropriateForChannel)
            {
                ApiValidation.Add(errors, nameof(GatewayRequest.Outcome), "A case found not appropriate for Channel cannot be referred to the panel");
            }
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (found.Stage is not PreventStage.Gateway)
            {
                return WorkResult<PreventCaseDto>.Conflict("This case has already been through the gateway.");
            }
            if (found.DeconflictedAt is null)
            {
                return WorkResult<PreventCaseDto>.Conflict("Run the deconfliction check before recording the gateway outcome.");
            }
            found.Finding = request.Finding;
            found.GatewayOutcome = request.Outcome;
            found.SignpostedTo = request.Outcome is GatewayOutcome.Signposted ? request.SignpostedTo!.Trim() : "";
            found.GatewayReason = request.Reason!.Trim();
            found.GatewayAt = Now;
            found.GatewayBy = Me;
            switch (request.Outcome)
            {
                case GatewayOutcome.NoFurtherAction:
                    Close(found, CaseClosure.NoFurtherAction);
                    break;
                case GatewayOutcome.Signposted:
                    Close(found, CaseClosure.Signposted);
                    break;
                default:
                    found.Stage = PreventStage.Panel;
                    await ShareWithPanelAsync(found, ct);
                    break;
            }
            found.Record(Now, Me, $"Gateway: {PreventNames.Display(request.Outcome!.Value)}",
                $"{PreventNames.Display(request.Finding!.Value)}. {found.GatewayReason}{(found.SignpostedTo.Length > 0 ? $" Signposted to: {found.SignpostedTo}." : "")}", policeOnly: true);
            return await SavedAsync(found, ct);
        }, ct);

    /// <summary>Referred to Channel: the panel's members now see the case and the person (the workflow
    /// labels both; a panel member never sees anything else of the unit's).</summary>
    private async Task ShareWithPanelAsync(PreventCase found, CancellationToken ct)
    {
        var panel = await db.Set<ChannelPanel>().AsNoTracking().FirstAsync(p => p.Id == found.PanelId, ct);
        if (found.NeedToKnow.All(g => g.GroupId != panel.GroupId))
        {
            found.NeedToKnow.Add(new RecordGroup { GroupId = panel.GroupId });
        }
        var person = await db.Set<Subject>().FirstAsync(s => s.Id == found.SubjectId, ct);
        if (person.NeedToKnow.All(g => g.GroupId != panel.GroupId))
        {
            person.NeedToKnow.Add(new RecordGroup { GroupId = panel.GroupId });
            person.Touch(Now);
        }
    }

    // ---- The panel ----

    public Task<WorkResult<PreventCaseDto>> AddInformationAsync(Guid id, PartnerInformationRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "add information", request, async (found, errors, ct) =>
        {
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (found.Stage is not (PreventStage.Panel or PreventStage.Support))
            {
                return WorkResult<PreventCaseDto>.Conflict("Information is gathered while the case is before the panel or in support.");
            }
            db.Add(new PartnerInformation { CaseId = id, Agency = request.Agency!.Trim(), Summary = request.Summary!.Trim(), RecordedAt = Now, RecordedBy = Me });
            found.Record(Now, Me, "Information gathered", $"from {request.Agency!.Trim()}");
            return await SavedAsync(found, ct);
        }, ct);

    public Task<WorkResult<PreventCaseDto>> AssessAsync(Guid id, AssessmentRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "record a vulnerability assessment", request, async (found, errors, ct) =>
        {
            var factors = await db.Set<VafFactor>().AsNoTracking().Where(f => f.FrameworkVersion == PreventReferenceSeed.VafVersion).OrderBy(f => f.Order).ToListAsync(ct);
            var given = request.Judgements?.Where(j => j is not null).ToList() ?? [];
            if (request.Judgements?.Any(j => j is null) == true)
            {
                ApiValidation.Add(errors, nameof(AssessmentRequest.Judgements), "Every judgement must name a factor and a judgement");
            }
            foreach (var factor in factors.Where(f => given.Count(j => j.Factor == f.Code) != 1))
            {
                ApiValidation.Add(errors, $"Judgements.{factor.Code}", $"Record one judgement for \"{factor.Name}\"");
            }
            foreach (var unknown in given.Where(j => j.Judgement is not { } v || !Enum.IsDefined(v) || factors.All(f => f.Code != j.Factor)))
            {
                var factor = factors.FirstOrDefault(f => f.Code == unknown.Factor);
                ApiValidation.Add(errors, $"Judgements.{unknown.Factor}", factor is null ? $"\"{unknown.Factor}\" is not a factor of the framework" : $"Choose a judgement for \"{factor.Name}\"");
            }
            if (given.Any(j => j.Notes is { Length: > 2000 }))
            {
                ApiValidation.Add(errors, nameof(AssessmentRequest.Judgements), "Notes on a factor must be 2000 characters or fewer");
            }
            if (request.AssessedOn > Today)
            {
                ApiValidation.Add(errors, nameof(AssessmentRequest.AssessedOn), "An assessment cannot be dated in the future");
            }
            if (request.MeetingId is { } meetingId && !await db.Set<PanelMeeting>().AnyAsync(m => m.Id == meetingId && m.PanelId == found.PanelId, ct))
            {
                ApiValidation.Add(errors, nameof(AssessmentRequest.MeetingId), "Choose a meeting of this case's panel");
            }
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (found.Stage is not (PreventStage.Panel or PreventStage.Support))
            {
                return WorkResult<PreventCaseDto>.Conflict("A vulnerability assessment is made while the case is before the panel or in support.");
            }
            db.Add(new VulnerabilityAssessment
            {
                CaseId = id, MeetingId = request.MeetingId, AssessedOn = request.AssessedOn!.Value, FrameworkVersion = PreventReferenceSeed.VafVersion,
                Judgements = factors.Select(f => given.First(j => j.Factor == f.Code)).Select(j => new FactorJudgement { FactorCode = j.Factor!, Judgement = j.Judgement!.Value, Notes = j.Notes?.Trim() ?? "" }).ToList(),
                EngagementSummary = request.EngagementSummary!.Trim(), IntentSummary = request.IntentSummary!.Trim(), CapabilitySummary = request.CapabilitySummary!.Trim(),
                RecordedAt = Now, RecordedBy = Me,
            });
            found.Record(Now, Me, "Vulnerability assessment recorded", $"assessed on {request.AssessedOn:d MMMM yyyy}");
            return await SavedAsync(found, ct);
        }, ct);

    public Task<WorkResult<PreventCaseDto>> ConsentAsync(Guid id, ConsentRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "record consent", request, async (found, errors, ct) =>
        {
            if (request.On > Today)
            {
                ApiValidation.Add(errors, nameof(ConsentRequest.On), "Consent cannot be dated in the future");
            }
            if (request.On is { } on && on < DateOnly.FromDateTime(found.ReferredAt.UtcDateTime))
            {
                ApiValidation.Add(errors, nameof(ConsentRequest.On), "Consent cannot be dated before the referral");
            }
            if (request.Given && found.IsChild && request.GivenBy is ConsentGiver.Person)
            {
                ApiValidation.Add(errors, nameof(ConsentRequest.GivenBy), "The person is a child: consent must come from a parent or guardian");
            }
            if (request.Given && request.GivenBy is ConsentGiver.Person && !request.HasCapacity)
            {
                ApiValidation.Add(errors, nameof(ConsentRequest.HasCapacity), "Consent from the person needs them to have capacity to give it; record who consents on their behalf instead");
            }
            if (request.Given && !found.IsChild && request.GivenBy is ConsentGiver.ParentOrGuardian && request.HasCapacity)
            {
                ApiValidation.Add(errors, nameof(ConsentRequest.GivenBy), "An adult with capacity must give consent themselves");
            }
            if (request.GivenBy is ConsentGiver.ParentOrGuardian && string.IsNullOrWhiteSpace(request.Relationship))
            {
                ApiValidation.Add(errors, nameof(ConsentRequest.Relationship), "Say how the parent or guardian is related to the person");
            }
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (found.Stage is not (PreventStage.Panel or PreventStage.Support))
            {
                return WorkResult<PreventCaseDto>.Conflict("Consent is recorded while the case is before the panel or in support.");
            }
            found.Consents.Add(new ConsentRecord
            {
                Given = request.Given, GivenBy = request.GivenBy!.Value, Name = request.Name!.Trim(), Relationship = request.Relationship?.Trim() ?? "",
                On = request.On!.Value, Method = request.Method!.Value, HasCapacity = request.HasCapacity, Notes = request.Notes?.Trim() ?? "",
                RecordedAt = Now, RecordedBy = Me,
            });
            found.Record(Now, Me, request.Given ? "Consent given" : found.Stage == PreventStage.Support ? "Consent withdrawn" : "Consent refused",
                $"by {request.Name!.Trim()} ({PreventNames.Display(request.GivenBy!.Value)}), {PreventNames.Display(request.Method!.Value)}, {request.On:d MMMM yyyy}; capacity {(request.HasCapacity ? "yes" : "no")}");
            return await SavedAsync(found, ct);
        }, ct);

    public Task<WorkResult<PreventCaseDto>> DecideAsync(Guid id, DecisionRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "record the panel's decision", request, async (found, errors, ct) =>
        {
            if (request.Decision is PanelDecision.NotAdopt && string.IsNullOrWhiteSpace(request.AlternativeSupport))
            {
                ApiValidation.Add(errors, nameof(DecisionRequest.AlternativeSupport), "Say what other support is offered instead of Channel (or that none is needed)");
            }
            var meeting = request.MeetingId is { } meetingId ? await db.Set<PanelMeeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.PanelId == found.PanelId, ct) : null;
            if (request.MeetingId is not null && meeting is null)
            {
                ApiValidation.Add(errors, nameof(DecisionRequest.MeetingId), "Choose a meeting of this case's panel");
            }
            else if (meeting is not null && meeting.HeldOn < DateOnly.FromDateTime(found.ReferredAt.UtcDateTime))
            {
                ApiValidation.Add(errors, nameof(DecisionRequest.MeetingId), "That meeting was held before the referral: choose a later one");
            }
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            var stageAllows = request.Decision is PanelDecision.Continue ? found.Stage is PreventStage.Panel or PreventStage.Support : found.Stage is PreventStage.Panel;
            if (!stageAllows)
            {
                return WorkResult<PreventCaseDto>.Conflict(found.Stage is PreventStage.Support
                    ? "This case is already a Channel case: record its exit, or continue support."
                    : "The panel decides on a case that has been referred to it and is still before it.");
            }
            if (request.Decision is PanelDecision.Adopt)
            {
                if (!await db.Set<VulnerabilityAssessment>().AnyAsync(a => a.CaseId == id, ct))
                {
                    return WorkResult<PreventCaseDto>.Conflict("Record the vulnerability assessment before the panel adopts the case.");
                }
                if (!found.HasValidConsent)
                {
                    return WorkResult<PreventCaseDto>.Conflict(found.IsChild
                        ? "The person is a child: a parent or guardian must give consent before the case is adopted for support."
                        : "The person must give consent before the case is adopted for support.");
                }
            }
            db.Add(new PanelDiscussion
            {
                CaseId = id, MeetingId = meeting!.Id, Decision = request.Decision!.Value, Rationale = request.Rationale!.Trim(),
                AlternativeSupport = request.AlternativeSupport?.Trim() ?? "", RecordedAt = Now, RecordedBy = Me,
            });
            found.DiscussedAt ??= meeting.HeldOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            switch (request.Decision)
            {
                case PanelDecision.Adopt:
                    found.Stage = PreventStage.Support;
                    found.AdoptedAt = Now;
                    break;
                case PanelDecision.NotAdopt:
                    found.NotAdoptedAt = Now;
                    found.AlternativeSupport = request.AlternativeSupport!.Trim();
                    Close(found, CaseClosure.NotAdopted);
                    break;
            }
            found.Record(Now, Me, $"Panel: {PreventNames.Display(request.Decision!.Value)}", $"meeting of {meeting.HeldOn:d MMMM yyyy}. {request.Rationale!.Trim()}"
                + (request.Decision is PanelDecision.NotAdopt ? $" Alternative support: {found.AlternativeSupport}" : ""));
            return await SavedAsync(found, ct);
        }, ct);

    // ---- Support ----

    public Task<WorkResult<PreventCaseDto>> AddInterventionAsync(Guid id, InterventionRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "change the support plan", request, async (found, errors, ct) =>
        {
            if (request.StartsOn is { } begins && (begins < Today.AddYears(-5) || begins > Today.AddYears(5)))
            {
                ApiValidation.Add(errors, nameof(InterventionRequest.StartsOn), "The start date must be within five years of today");
            }
            if (request.EndsOn is { } finishes && finishes > Today.AddYears(10))
            {
                ApiValidation.Add(errors, nameof(InterventionRequest.EndsOn), "The end date must be within ten years of today");
            }
            if (request.EndsOn is { } ends && request.StartsOn is { } starts && ends < starts)
            {
                ApiValidation.Add(errors, nameof(InterventionRequest.EndsOn), "The end date must be on or after the start date");
            }
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (found.Stage is not PreventStage.Support)
            {
                return WorkResult<PreventCaseDto>.Conflict(found.Stage is PreventStage.Closed or PreventStage.Exited
                    ? "This case is closed to support: re-open it first."
                    : "A support plan starts once the panel has adopted the case.");
            }
            if (!found.HasValidConsent)
            {
                return WorkResult<PreventCaseDto>.Conflict("Consent has been withdrawn: no support can be added without it.");
            }
            db.Add(new Intervention
            {
                CaseId = id, Type = request.Type!.Value, Provider = request.Provider!.Trim(), StartsOn = request.StartsOn!.Value, EndsOn = request.EndsOn,
                Notes = request.Notes?.Trim() ?? "", RecordedAt = Now, RecordedBy = Me,
            });
            if (!await db.Set<CaseReview>().AnyAsync(r => r.CaseId == id && r.Kind == ReviewKind.Progress && r.CompletedOn == null && !r.Cancelled, ct))
            {
                db.Add(new CaseReview { CaseId = id, Kind = ReviewKind.Progress, DueOn = request.StartsOn!.Value.AddDays(found.ReviewIntervalDays) });
            }
            found.Record(Now, Me, "Support added", $"{PreventNames.Display(request.Type!.Value)}: {request.Provider!.Trim()} from {request.StartsOn:d MMMM yyyy}");
            return await SavedAsync(found, ct);
        }, ct);

    public Task<WorkResult<PreventCaseDto>> SetReviewIntervalAsync(Guid id, ReviewIntervalRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "change the support plan", request, async (found, errors, ct) =>
        {
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (found.Stage is not (PreventStage.Panel or PreventStage.Support))
            {
                return WorkResult<PreventCaseDto>.Conflict("The review interval is part of a support plan, which this case does not have now.");
            }
            found.ReviewIntervalDays = request.Days!.Value;
            found.Record(Now, Me, "Review interval set", $"every {request.Days} days");
            return await SavedAsync(found, ct);
        }, ct);

    public Task<WorkResult<PreventCaseDto>> CompleteReviewAsync(Guid id, Guid reviewId, CompleteReviewRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "record a review", request, async (found, errors, ct) =>
        {
            var review = await db.Set<CaseReview>().FirstOrDefaultAsync(r => r.Id == reviewId && r.CaseId == id, ct);
            if (review is null)
            {
                await db.RecordMissAsync<CaseReview>(r => r.Id == reviewId, "prevent-review", reviewId.ToString(), detail: $"asked under case {id}", ct: ct);
                return WorkResult<PreventCaseDto>.Missing();
            }
            if (request.CompletedOn > Today)
            {
                ApiValidation.Add(errors, nameof(CompleteReviewRequest.CompletedOn), "A review cannot be dated in the future");
            }
            else if (request.CompletedOn < DateOnly.FromDateTime(found.ReferredAt.UtcDateTime))
            {
                ApiValidation.Add(errors, nameof(CompleteReviewRequest.CompletedOn), "A review cannot be dated before the referral");
            }
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (!review.IsDue)
            {
                return WorkResult<PreventCaseDto>.Conflict(review.Cancelled ? "This review was cancelled." : "This review has already been recorded.");
            }
            review.CompletedOn = request.CompletedOn;
            review.Notes = request.Notes!.Trim();
            review.ConcernsRemain = request.ConcernsRemain;
            review.CompletedBy = Me;
            if (review.Kind is ReviewKind.Progress && found.Stage is PreventStage.Support)
            {
                db.Add(new CaseReview { CaseId = id, Kind = ReviewKind.Progress, DueOn = request.CompletedOn!.Value.AddDays(found.ReviewIntervalDays) });
            }
            var what = $"{PreventNames.Display(review.Kind)} review recorded";
            if (review.Kind is ReviewKind.TwelveMonth && found.Stage is PreventStage.Exited)
            {
                var sixMonthOutstanding = await db.Set<CaseReview>().AnyAsync(r => r.CaseId == id && r.Kind == ReviewKind.SixMonth && r.CompletedOn == null && !r.Cancelled, ct);
                if (!sixMonthOutstanding)
                {
                    Close(found, CaseClosure.ReviewsComplete);
                    what += "; reviews complete, case closed";
                }
            }
            found.Record(Now, Me, what, $"{(request.ConcernsRemain == true ? "Concerns remain. " : "No remaining concerns. ")}{review.Notes}");
            return await SavedAsync(found, ct);
        }, ct);

    public Task<WorkResult<PreventCaseDto>> ExitAsync(Guid id, ExitRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "record the exit", request, async (found, errors, ct) =>
        {
            if (request.ExitedOn < Today.AddYears(-5))
            {
                ApiValidation.Add(errors, nameof(ExitRequest.ExitedOn), "The exit date must be within the last five years");
            }
            if (request.ExitedOn > Today)
            {
                ApiValidation.Add(errors, nameof(ExitRequest.ExitedOn), "The exit date cannot be in the future");
            }
            if (found.AdoptedAt is { } adopted && request.ExitedOn is { } exited && exited < DateOnly.FromDateTime(adopted.UtcDateTime))
            {
                ApiValidation.Add(errors, nameof(ExitRequest.ExitedOn), "The exit date cannot be before the case was adopted");
            }
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (found.Stage is not PreventStage.Support)
            {
                return WorkResult<PreventCaseDto>.Conflict("Only a case in Channel support can exit.");
            }
            found.Stage = PreventStage.Exited;
            found.ExitedOn = request.ExitedOn;
            found.ExitReason = request.Reason!.Trim();
            found.ExitWithConcerns = request.WithConcerns;
            await CancelPendingReviewsAsync(id, ct);
            db.Add(new CaseReview { CaseId = id, Kind = ReviewKind.SixMonth, DueOn = request.ExitedOn!.Value.AddMonths(6) });
            db.Add(new CaseReview { CaseId = id, Kind = ReviewKind.TwelveMonth, DueOn = request.ExitedOn!.Value.AddMonths(12) });
            found.Record(Now, Me, "Left Channel", $"{found.ExitReason.TrimEnd('.')}{(found.ExitWithConcerns ? " (terrorism-related concerns remain)" : "")}. Reviews due {request.ExitedOn.Value.AddMonths(6):d MMMM yyyy} and {request.ExitedOn.Value.AddMonths(12):d MMMM yyyy}.");
            return await SavedAsync(found, ct);
        }, ct);

    /// <summary>Re-opens a case that has exited or closed: back to the panel if it went there before,
    /// otherwise back to the gateway. Reviews still pending are cancelled.</summary>
    public Task<WorkResult<PreventCaseDto>> ReopenAsync(Guid id, ReasonRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "re-open the case", request, async (found, errors, ct) =>
        {
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (found.Stage is not (PreventStage.Exited or PreventStage.Closed))
            {
                return WorkResult<PreventCaseDto>.Conflict("The case is open already.");
            }
            if (found.GatewayOutcome is not GatewayOutcome.ReferredToChannel && !IsPolice)
            {
                return WorkResult<PreventCaseDto>.Forbidden("A case that never reached the panel goes back to the police gateway: only a Prevent officer can re-open it.");
            }
            await CancelPendingReviewsAsync(id, ct);
            found.Stage = found.GatewayOutcome is GatewayOutcome.ReferredToChannel ? PreventStage.Panel : PreventStage.Gateway;
            if (found.Stage is PreventStage.Gateway)
            {
                found.GatewayOutcome = null;
                found.Finding = null;
                found.DeconflictedAt = null;
                found.GatewayDue = Today.AddDays(GatewayTargetDays);
            }
            found.Closure = null;
            found.ClosedAt = null;
            found.Record(Now, Me, "Re-opened", $"back to the {(found.Stage is PreventStage.Panel ? "panel" : "gateway")}: {request.Reason!.Trim()}", policeOnly: IsPolice);
            return await SavedAsync(found, ct);
        }, ct);

    /// <summary>Withdrawal at any stage, with the reason: the case closes and pending reviews are cancelled.</summary>
    public Task<WorkResult<PreventCaseDto>> WithdrawAsync(Guid id, ReasonRequest request, CancellationToken ct) =>
        StepAsync(id, police: false, "withdraw the case", request, async (found, errors, ct) =>
        {
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (found.Stage is PreventStage.Closed)
            {
                return WorkResult<PreventCaseDto>.Conflict("The case is already closed.");
            }
            if (found.Stage is PreventStage.Gateway && !IsPolice)
            {
                return WorkResult<PreventCaseDto>.Forbidden("A case at the police gateway can only be withdrawn by a Prevent officer.");
            }
            var stage = found.Stage;
            await CancelPendingReviewsAsync(id, ct);
            Close(found, CaseClosure.Withdrawn);
            found.Record(Now, Me, "Withdrawn", $"at the {PreventNames.Display(stage).ToLowerInvariant()} stage: {request.Reason!.Trim()}", policeOnly: IsPolice);
            return await SavedAsync(found, ct);
        }, ct);

    // ---- Shared ----

    private void Close(PreventCase found, CaseClosure closure)
    {
        found.Stage = PreventStage.Closed;
        found.Closure = closure;
        found.ClosedAt = Now;
    }

    private async Task CancelPendingReviewsAsync(Guid id, CancellationToken ct)
    {
        foreach (var pending in await db.Set<CaseReview>().Where(r => r.CaseId == id && r.CompletedOn == null && !r.Cancelled).ToListAsync(ct))
        {
            pending.Cancelled = true;
        }
    }

    /// <summary>The case through the access filter; a hidden one is audited as refused and answers as missing.</summary>
    internal Task<PreventCase?> FindAsync(Guid id, CancellationToken ct, bool track = true) => db.FindVisibleAsync<PreventCase>(id, "prevent-case", track, ct);

    /// <summary>Why a step on a stale copy of the case is refused: nothing was changed.</summary>
    public const string StaleCase = "Someone else changed this case first. Read it again and re-apply your change; nothing was changed.";

    /// <summary>The one step every command on a case starts with: the case through the filter (missing or
    /// hidden answers as missing), the user's part (police work, or the panel's), the version the user read
    /// (a step taken on a stale copy is refused, never applied), and the request's own annotations checked;
    /// then the step's own work.</summary>
    private async Task<WorkResult<PreventCaseDto>> StepAsync(Guid id, bool police, string what, CaseStep? request,
        Func<PreventCase, Dictionary<string, string[]>, CancellationToken, Task<WorkResult<PreventCaseDto>>> work, CancellationToken ct)
    {
        var found = await FindAsync(id, ct);
        if (found is null)
        {
            return WorkResult<PreventCaseDto>.Missing();
        }
        if (police ? !IsPolice : !(IsPolice || access.IsInRole(Roles.ChannelPanelMember)))
        {
            return WorkResult<PreventCaseDto>.Forbidden(police ? $"Only a Prevent officer may {what}." : $"Your role does not allow you to {what}.");
        }
        if (request?.Version is { } read && read != found.Version)
        {
            return WorkResult<PreventCaseDto>.Conflict(StaleCase);
        }
        return await work(found, request is null ? [] : ApiValidation.Validate(request), ct);
    }

    /// <summary>The end of every step: the change, its history line and its audit entry saved together.</summary>
    private async Task<WorkResult<PreventCaseDto>> SavedAsync(PreventCase found, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        return WorkResult<PreventCaseDto>.Ok(await ToDtoAsync(found, ct));
    }

    internal async Task<Dictionary<Guid, string>> PanelNamesAsync(CancellationToken ct) =>
        await db.Set<ChannelPanel>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.LocalAuthority, ct);

    internal async Task<Dictionary<(string, string), string>> ConcernNamesAsync(CancellationToken ct) =>
        (await db.Set<ConcernScheme>().AsNoTracking().ToListAsync(ct)).SelectMany(s => s.Types.Select(t => (Key: (s.Code, t.Code), t.Name))).ToDictionary(x => x.Key, x => x.Name);

    internal async Task<PreventCaseDto> ToDtoAsync(PreventCase c, CancellationToken ct)
    {
        var person = await db.Set<Subject>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == c.SubjectId, ct);
        var panel = await db.Set<ChannelPanel>().AsNoTracking().FirstAsync(p => p.Id == c.PanelId, ct);
        var unit = await db.Set<Network.Unit>().AsNoTracking().Where(u => u.Id == c.OwningUnitId).Select(u => u.Name).FirstAsync(ct);
        var concerns = await ConcernNamesAsync(ct);
        var factors = await db.Set<VafFactor>().AsNoTracking().ToListAsync(ct);
        var meetings = await db.Set<PanelMeeting>().AsNoTracking().Where(m => m.PanelId == c.PanelId).ToDictionaryAsync(m => m.Id, m => m.HeldOn, ct);
        var information = await db.Set<PartnerInformation>().AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.RecordedAt).ToListAsync(ct);
        var assessments = await db.Set<VulnerabilityAssessment>().AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.RecordedAt).ToListAsync(ct);
        var discussions = await db.Set<PanelDiscussion>().AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.RecordedAt).ToListAsync(ct);
        var interventions = await db.Set<Intervention>().AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.StartsOn).ToListAsync(ct);
        var reviews = await db.Set<CaseReview>().AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.DueOn).ToListAsync(ct);
        string Concern(string scheme, string code) => concerns.GetValueOrDefault((scheme, code), code);
        JudgementDto Judged(string version, FactorJudgement j)
        {
            var factor = factors.FirstOrDefault(f => f.FrameworkVersion == version && f.Code == j.FactorCode);
            return new JudgementDto(j.FactorCode, factor?.Name ?? j.FactorCode, factor?.Dimension ?? VafDimension.Engagement, j.Judgement, j.Notes);
        }
        return new PreventCaseDto(
            c.Id, c.Reference, c.SubjectId, person?.GivenName ?? "(withheld)", person?.Surname ?? "", person?.DateOfBirth, c.Gender, c.AgeAtReferral, c.IsChild,
            panel.Code, panel.LocalAuthority, unit, c.Stage, c.Closure, c.ClosedAt,
            c.ConcernScheme, Concern(c.ConcernScheme, c.ConcernCode), c.Sector, c.ReferredAt,
            c.GatewayDue, c.Stage == PreventStage.Gateway && c.GatewayDue < Today, c.DeconflictedAt, IsPolice ? c.DeconflictionSummary : null,
            c.GatewayOutcome, c.Finding, c.SignpostedTo, IsPolice ? c.GatewayReason : "", c.GatewayAt, IsPolice ? c.GatewayBy : "",
            c.AdoptedAt, c.AlternativeSupport, c.ReviewIntervalDays, c.ExitedOn, c.ExitReason, c.ExitWithConcerns,
            c.HasValidConsent, IsPolice,
            c.Referrals.OrderBy(r => r.ReceivedAt).Select(r => new ReferralDto(r.ReceivedAt, r.Sector, r.FromPublicForm, r.ReferrerName, r.ReferrerOrganisation,
                r.ReferrerRole, r.ReferrerContact, Concern(r.ConcernScheme, r.ConcernCode), r.WhatPrompted, r.RecordedBy)).ToList(),
            c.Consents.OrderBy(x => x.RecordedAt).Select(x => new ConsentDto(x.Given, x.GivenBy, x.Name, x.Relationship, x.On, x.Method, x.HasCapacity, x.Notes, x.RecordedBy)).ToList(),
            information.Select(x => new InformationDto(x.Id, x.Agency, x.Summary, x.RecordedAt, x.RecordedBy)).ToList(),
            assessments.Select(a => new AssessmentDto(a.Id, a.AssessedOn, a.MeetingId, a.FrameworkVersion, a.Judgements.Select(j => Judged(a.FrameworkVersion, j)).ToList(),
                a.EngagementSummary, a.IntentSummary, a.CapabilitySummary, a.RecordedBy)).ToList(),
            discussions.Select(d => new DiscussionDto(d.Id, d.MeetingId, meetings.GetValueOrDefault(d.MeetingId), d.Decision, d.Rationale, d.AlternativeSupport, d.RecordedBy)).ToList(),
            interventions.Select(i => new InterventionDto(i.Id, i.Type, i.Provider, i.StartsOn, i.EndsOn, i.Notes)).ToList(),
            reviews.Select(r => new ReviewDto(r.Id, r.Kind, r.DueOn, r.CompletedOn, r.Cancelled, r.IsDue && r.DueOn < Today, r.Notes, r.ConcernsRemain, r.CompletedBy)).ToList(),
            // What the deconfliction check found (how many other records, whether one is in a live
            // investigation) is for police eyes only, in the history as on the case.
            c.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new HistoryItem(h.At, h.By, h.What, IsPolice || !h.PoliceOnly ? h.Detail : "")).ToList(),
            c.Version);
    }
}
