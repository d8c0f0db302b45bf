using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Prevent;

/// <summary>The police gateway: the deconfliction check and the gateway's outcome.</summary>
public sealed partial class PreventCases
{
    // ---- The gateway (police) ----

    /// <summary>Runs the network-wide deconfliction check on the person (is this person already known, to
    /// whom, and in a live investigation?) and keeps what it found on the case, for police eyes only.</summary>
    public Task<WorkResult<PreventCaseDto>> DeconflictAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, PreventStep.Deconflict, null, async (found, _, ct) =>
        {
            if (await WhyNotAsync(found, PreventStep.Deconflict, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
            }
            var person = await db.Set<Subject>().AsNoTracking().FirstAsync(s => s.Id == found.SubjectId, ct);
            var outcome = await deconfliction.CheckAsync(new DeconflictionRequest
            {
                Purpose = $"Prevent gateway assessment of {found.Reference}",
                Person = new PersonQuery(person.GivenName, person.Surname, person.DateOfBirth, person.Gender),
            }, ct, checking: found.SubjectId);
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
        StepAsync(id, PreventStep.RecordGateway, request, async (found, errors, ct) =>
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
            if (await WhyNotAsync(found, PreventStep.RecordGateway, ct) is { } refusal)
            {
                return WorkResult<PreventCaseDto>.Refused(refusal);
            }
            found.RecordGateway(request.Outcome!.Value, request.Finding!.Value, request.Reason!.Trim(), request.SignpostedTo?.Trim() ?? "", Now, Me);
            if (found.Stage is PreventStage.Panel)
            {
                await ShareWithPanelAsync(found, ct);
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

    internal static void MapGateway(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id:guid}/deconfliction", (Guid id, PreventCases cases, CancellationToken ct) => cases.DeconflictAsync(id, ct).AsOk())
            .WithSummary("Run the network-wide deconfliction check for the gateway (police only; what it found stays police-only)");
        api.MapPost("/cases/{id:guid}/gateway", (Guid id, GatewayRequest request, PreventCases cases, CancellationToken ct) => cases.GatewayAsync(id, request, ct).AsOk())
            .WithSummary("Record the gateway outcome: no further action, signposted, or referred to the Channel panel (police only)");
    }
}
