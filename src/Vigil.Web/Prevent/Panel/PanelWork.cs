using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Prevent;

/// <summary>The Channel panel's work on a case: information from partners, the vulnerability assessment, consent and the decision.</summary>
public sealed partial class PreventCases
{
    // ---- The panel ----

    public Task<WorkResult<PreventCaseDto>> AddInformationAsync(Guid id, PartnerInformationRequest request, CancellationToken ct) =>
        StepAsync(id, PreventStep.AddInformation, request, async (found, errors, ct) =>
        {
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (await WhyNotAsync(found, PreventStep.AddInformation, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
            }
            db.Add(new PartnerInformation { CaseId = id, Agency = request.Agency!.Trim(), Summary = request.Summary!.Trim(), RecordedAt = Now, RecordedBy = Me });
            found.Record(Now, Me, "Information gathered", $"from {request.Agency!.Trim()}");
            return await SavedAsync(found, ct);
        }, ct);

    public Task<WorkResult<PreventCaseDto>> AssessAsync(Guid id, AssessmentRequest request, CancellationToken ct) =>
        StepAsync(id, PreventStep.Assess, request, async (found, errors, ct) =>
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
            if (await WhyNotAsync(found, PreventStep.Assess, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
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
        StepAsync(id, PreventStep.RecordConsent, request, async (found, errors, ct) =>
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
            if (await WhyNotAsync(found, PreventStep.RecordConsent, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
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
        StepAsync(id, PreventStep.ContinueSupport, request, async (found, errors, ct) =>
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
            if (await WhyNotAsync(found, StepFor(request.Decision!.Value), ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
            }
            db.Add(new PanelDiscussion
            {
                CaseId = id, MeetingId = meeting!.Id, Decision = request.Decision!.Value, Rationale = request.Rationale!.Trim(),
                AlternativeSupport = request.AlternativeSupport?.Trim() ?? "", RecordedAt = Now, RecordedBy = Me,
            });
            found.DiscussedAt ??= meeting.HeldOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            found.Decide(request.Decision!.Value, Now, request.AlternativeSupport?.Trim() ?? "");
            found.Record(Now, Me, $"Panel: {PreventNames.Display(request.Decision!.Value)}", $"meeting of {meeting.HeldOn:d MMMM yyyy}. {request.Rationale!.Trim()}"
                + (request.Decision is PanelDecision.NotAdopt ? $" Alternative support: {found.AlternativeSupport}" : ""));
            return await SavedAsync(found, ct);
        }, ct);

    /// <summary>The step a panel decision is.</summary>
    public static PreventStep StepFor(PanelDecision decision) => decision switch
    {
        PanelDecision.Adopt => PreventStep.Adopt,
        PanelDecision.NotAdopt => PreventStep.NotAdopt,
        _ => PreventStep.ContinueSupport,
    };

    internal static void MapPanelWork(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id:guid}/information", (Guid id, PartnerInformationRequest request, PreventCases cases, CancellationToken ct) => cases.AddInformationAsync(id, request, ct).AsOk())
            .WithSummary("Record what a partner agency told the panel");
        api.MapPost("/cases/{id:guid}/assessments", (Guid id, AssessmentRequest request, PreventCases cases, CancellationToken ct) => cases.AssessAsync(id, request, ct).AsOk())
            .WithSummary("Record the vulnerability assessment: one human judgement per factor of the framework, never a score");
        api.MapPost("/cases/{id:guid}/consent", (Guid id, ConsentRequest request, PreventCases cases, CancellationToken ct) => cases.ConsentAsync(id, request, ct).AsOk())
            .WithSummary("Record consent given or refused, by whom and how (a parent or guardian for a child)");
        api.MapPost("/cases/{id:guid}/decisions", (Guid id, DecisionRequest request, PreventCases cases, CancellationToken ct) => cases.DecideAsync(id, request, ct).AsOk())
            .WithSummary("Record the panel's decision at a meeting: adopt, not adopt (with the alternative support) or continue");
    }
}
