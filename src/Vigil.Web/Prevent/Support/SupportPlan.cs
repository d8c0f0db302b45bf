using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Prevent;

/// <summary>Channel support: the plan's interventions, the review interval and the reviews.</summary>
public sealed partial class PreventCases
{
    // ---- Support ----

    public Task<WorkResult<PreventCaseDto>> AddInterventionAsync(Guid id, InterventionRequest request, CancellationToken ct) =>
        StepAsync(id, PreventStep.AddSupport, request, async (found, errors, ct) =>
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
            if (await WhyNotAsync(found, PreventStep.AddSupport, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
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
        StepAsync(id, PreventStep.SetReviewInterval, request, async (found, errors, ct) =>
        {
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (await WhyNotAsync(found, PreventStep.SetReviewInterval, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
            }
            found.ReviewIntervalDays = request.Days!.Value;
            found.Record(Now, Me, "Review interval set", $"every {request.Days} days");
            return await SavedAsync(found, ct);
        }, ct);

    public Task<WorkResult<PreventCaseDto>> CompleteReviewAsync(Guid id, Guid reviewId, CompleteReviewRequest request, CancellationToken ct) =>
        StepAsync(id, PreventStep.CompleteReview, request, async (found, errors, ct) =>
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
            if (review.WhyNotComplete() is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
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
                    found.Close(CaseClosure.ReviewsComplete, Now);
                    what += "; reviews complete, case closed";
                }
            }
            found.Record(Now, Me, what, $"{(request.ConcernsRemain == true ? "Concerns remain. " : "No remaining concerns. ")}{review.Notes}");
            return await SavedAsync(found, ct);
        }, ct);

    internal static void MapSupport(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id:guid}/interventions", (Guid id, InterventionRequest request, PreventCases cases, CancellationToken ct) => cases.AddInterventionAsync(id, request, ct).AsOk())
            .WithSummary("Add support to the plan (needs consent); the first sets the progress review");
        api.MapPost("/cases/{id:guid}/review-interval", (Guid id, ReviewIntervalRequest request, PreventCases cases, CancellationToken ct) => cases.SetReviewIntervalAsync(id, request, ct).AsOk())
            .WithSummary("Set how often progress is reviewed (7 to 91 days)");
        api.MapPost("/cases/{id:guid}/reviews/{reviewId:guid}", (Guid id, Guid reviewId, CompleteReviewRequest request, PreventCases cases, CancellationToken ct) => cases.CompleteReviewAsync(id, reviewId, request, ct).AsOk())
            .WithSummary("Record a review: progress, or the 6- and 12-month reviews after exit");
    }
}
