using Microsoft.AspNetCore.Http.HttpResults;
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
/// The Prevent case from the gateway to the reviews after exit. Every step checks the case's rules
/// (<see cref="PreventCase.WhyNot"/>), records who took it and why in the case history, and saves in one
/// transaction with its audit entry. A case the user may not see answers exactly as a missing one (the
/// refusal is audited). The gateway is police work; the panel's work (information, assessment, decision,
/// consent, support, exit, reviews) is shared by the Prevent officers and the panel's members. One file
/// per area: Cases (reading, the queues, the one step every command starts with), Gateway, Panel, Support
/// and Closing.
/// </summary>
public sealed partial class PreventCases(VigilDb db, AccessContext access, DeconflictionService deconfliction)
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
            // The person's name through the subjects' name-word index (the start of any word of any of their names), or the case's reference.
            var ids = SubjectNameToken.Matching(people, db.Set<SubjectNameToken>(), filter.Name).Select(s => s.Id);
            query = query.Where(c => ids.Contains(c.SubjectId) || c.Reference.ToLower() == name);
        }
        // Counted before it is sorted: a count needs no order, and a sorted one would sort everything it counts.
        var (total, more) = await Paging.CountUpToLimitAsync(query, ct);
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
        var rows = (page - 1) * size >= total ? [] : await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var items = await ListItemsAsync(rows, ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "prevent-case", detail: $"stage {filter.Stage}; panel {filter.Panel}; name {filter.Name}; {(more ? "more than " : "")}{total} found; shown: {string.Join(",", rows.Select(r => r.Reference))}");
        await db.SaveChangesAsync(ct);
        return new Paged<PreventCaseListItem>(items, page, size, total, more);
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

    // ---- Shared ----

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
    private async Task<WorkResult<PreventCaseDto>> StepAsync(Guid id, PreventStep step, CaseStep? request,
        Func<PreventCase, Dictionary<string, string[]>, CancellationToken, Task<WorkResult<PreventCaseDto>>> work, CancellationToken ct)
    {
        var found = await FindAsync(id, ct);
        if (found is null)
        {
            return WorkResult<PreventCaseDto>.Missing();
        }
        if (PreventCase.WhoMayNot(step, Asker(assessed: false)) is { } refusal)
        {
            return WorkResult<PreventCaseDto>.Refused(refusal);
        }
        if (request?.Version is { } read && read != found.Version)
        {
            return WorkResult<PreventCaseDto>.Conflict(StaleCase);
        }
        return await work(found, request is null ? [] : ApiValidation.Validate(request), ct);
    }

    private bool IsPanelMember => access.IsInRole(Roles.ChannelPanelMember);

    private CaseAsker Asker(bool assessed) => new(IsPolice, IsPanelMember, assessed);

    /// <summary>The case's rule for the step, for the user; whether it has an assessment is read only for adoption.</summary>
    private async Task<Refusal?> WhyNotAsync(PreventCase found, PreventStep step, CancellationToken ct) =>
        found.WhyNot(step, Asker(step is PreventStep.Adopt && await db.Set<VulnerabilityAssessment>().AnyAsync(a => a.CaseId == found.Id, ct)));

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
            c.HasValidConsent, IsPolice, StepRule<PreventStep>.For(step => c.WhyNot(step, Asker(assessments.Count > 0))),
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

    internal static void MapCases(RouteGroupBuilder api)
    {
        api.MapGet("/cases", async Task<Results<Ok<Paged<PreventCaseListItem>>, ValidationProblem>> ([AsParameters] CaseQuery q, PreventCases cases, CancellationToken ct) =>
            ApiValidation.IsNamed(q.Stage) && ApiValidation.IsNamed(q.Sort) ? TypedResults.Ok(await cases.ListAsync(q.ToFilter(), ct))
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stage"] = ["Choose a stage and a sort order from the list"] }))
            .WithSummary("The Prevent cases you may see, filtered by stage, panel or name, sorted and paged");
        api.MapGet("/cases/{id:guid}", (Guid id, PreventCases cases, CancellationToken ct) => cases.ReadAsync(id, ct).AsFound())
            .WithSummary("One Prevent case from the referral to the reviews after exit");
        api.MapGet("/queues/assessments-due", async (PreventCases cases, CancellationToken ct) => TypedResults.Ok(await cases.AssessmentsDueAsync(ct)))
            .WithSummary("Cases waiting at the police gateway, the oldest target first");
        api.MapGet("/queues/reviews-due", async (int? withinDays, PreventCases cases, CancellationToken ct) => TypedResults.Ok(await cases.ReviewsDueAsync(withinDays ?? 14, ct)))
            .WithSummary("Reviews falling due within the days asked (14 by default), overdue ones first");
    }
}
