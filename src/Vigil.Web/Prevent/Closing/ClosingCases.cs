using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Prevent;

/// <summary>Leaving Channel, re-opening and withdrawing a case.</summary>
public sealed partial class PreventCases
{
    public Task<WorkResult<PreventCaseDto>> ExitAsync(Guid id, ExitRequest request, CancellationToken ct) =>
        StepAsync(id, PreventStep.Exit, request, async (found, errors, ct) =>
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
            if (await WhyNotAsync(found, PreventStep.Exit, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
            }
            found.Exit(request.ExitedOn!.Value, request.Reason!.Trim(), request.WithConcerns);
            await CancelPendingReviewsAsync(id, ct);
            db.Add(new CaseReview { CaseId = id, Kind = ReviewKind.SixMonth, DueOn = request.ExitedOn!.Value.AddMonths(6) });
            db.Add(new CaseReview { CaseId = id, Kind = ReviewKind.TwelveMonth, DueOn = request.ExitedOn!.Value.AddMonths(12) });
            found.Record(Now, Me, "Left Channel", $"{found.ExitReason.TrimEnd('.')}{(found.ExitWithConcerns ? " (terrorism-related concerns remain)" : "")}. Reviews due {request.ExitedOn.Value.AddMonths(6):d MMMM yyyy} and {request.ExitedOn.Value.AddMonths(12):d MMMM yyyy}.");
            return await SavedAsync(found, ct);
        }, ct);

    /// <summary>Re-opens a case that has exited or closed: back to the panel if it went there before,
    /// otherwise back to the gateway. Reviews still pending are cancelled.</summary>
    public Task<WorkResult<PreventCaseDto>> ReopenAsync(Guid id, ReasonRequest request, CancellationToken ct) =>
        StepAsync(id, PreventStep.Reopen, request, async (found, errors, ct) =>
        {
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (await WhyNotAsync(found, PreventStep.Reopen, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
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
        StepAsync(id, PreventStep.Withdraw, request, async (found, errors, ct) =>
        {
            if (errors.Count > 0)
            {
                return WorkResult<PreventCaseDto>.Invalid(errors);
            }
            if (await WhyNotAsync(found, PreventStep.Withdraw, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
            }
            var stage = found.Stage;
            await CancelPendingReviewsAsync(id, ct);
            found.Close(CaseClosure.Withdrawn, Now);
            found.Record(Now, Me, "Withdrawn", $"at the {PreventNames.Display(stage).ToLowerInvariant()} stage: {request.Reason!.Trim()}", policeOnly: IsPolice);
            return await SavedAsync(found, ct);
        }, ct);

    internal static void MapClosing(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id:guid}/exit", (Guid id, ExitRequest request, PreventCases cases, CancellationToken ct) => cases.ExitAsync(id, request, ct).AsOk())
            .WithSummary("Record that the person left Channel, with the reason; the 6- and 12-month reviews are set");
        api.MapPost("/cases/{id:guid}/reopen", (Guid id, ReasonRequest request, PreventCases cases, CancellationToken ct) => cases.ReopenAsync(id, request, ct).AsOk())
            .WithSummary("Re-open a closed or exited case: back to the panel, or to the police gateway");
        api.MapPost("/cases/{id:guid}/withdraw", (Guid id, ReasonRequest request, PreventCases cases, CancellationToken ct) => cases.WithdrawAsync(id, request, ct).AsOk())
            .WithSummary("Withdraw the case at any stage, with the reason");
    }
}
