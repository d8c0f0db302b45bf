using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Intelligence;

/// <summary>Send a report to another unit (by its code: it receives a copy of its own) or to a partner agency
/// (recorded; under handling code C the named recipient's acknowledgement of the conditions is required).</summary>
public sealed record Disseminate(
    [property: StringLength(64)] string? ToUnit,
    [property: StringLength(64)] string? ToPartner,
    [property: StringLength(200)] string? Recipient,
    [property: Required(ErrorMessage = "Say why the report is being shared"), StringLength(1000)] string? Purpose,
    [property: StringLength(200)] string? AcknowledgedBy = null);

/// <summary>A report as it leaves the system (export or print): the handling conditions with the text, top and bottom.</summary>
public sealed record ReportRendition(string Reference, string Marking, string Grade, string? Conditions, string Text, string TakenBy, DateTimeOffset TakenAt)
{
    public string AsText()
    {
        var text = new StringBuilder();
        text.AppendLine(Marking).AppendLine(CultureInfo.InvariantCulture, $"Intelligence report {Reference}, graded {Grade}");
        if (Conditions is { } c)
        {
            text.AppendLine().AppendLine("HANDLING CODE C: lawful sharing permitted with these conditions").AppendLine(c);
        }
        text.AppendLine().AppendLine(Text).AppendLine();
        if (Conditions is { } again)
        {
            text.AppendLine("HANDLING CODE C conditions: " + again);
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"Taken by {TakenBy} on {Platform.Ui.UkTime.Full(TakenAt)}").AppendLine(Marking);
        return text.ToString();
    }
}

public sealed partial class IntelligenceReports
{
    public Task<WorkResult<DisseminationDto>> DisseminateAsync(Guid id, Disseminate request, CancellationToken ct) =>
        StepAsync(id, ReportStep.Disseminate, null, async (report, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            var toUnit = string.IsNullOrWhiteSpace(request.ToUnit) ? null : await directory.UnitAsync(request.ToUnit.Trim(), ct);
            var toPartner = string.IsNullOrWhiteSpace(request.ToPartner) ? null : await directory.PartnerAsync(request.ToPartner.Trim(), ct);
            if ((toUnit is null) == (toPartner is null))
            {
                ApiValidation.Add(errors, nameof(Disseminate.ToUnit), string.IsNullOrWhiteSpace(request.ToUnit) && string.IsNullOrWhiteSpace(request.ToPartner)
                    ? "Choose the unit or the partner agency to share the report with" : "Choose one unit or one partner agency that exists");
            }
            if (toUnit is not null && toUnit.Id == report.OwningUnitId)
            {
                ApiValidation.Add(errors, nameof(Disseminate.ToUnit), "The report is already your unit's");
            }
            if (toPartner is not null && string.IsNullOrWhiteSpace(request.Recipient))
            {
                ApiValidation.Add(errors, nameof(Disseminate.Recipient), "Enter who at the partner agency receives it");
            }
            if (toPartner is not null && report.Handling == HandlingCode.C && string.IsNullOrWhiteSpace(request.AcknowledgedBy))
            {
                ApiValidation.Add(errors, nameof(Disseminate.AcknowledgedBy), "Handling code C: enter who at the partner agency acknowledged the conditions");
            }
            if (errors.Count > 0)
            {
                return WorkResult<DisseminationDto>.Invalid(errors);
            }
            var now = db.Clock.GetUtcNow();
            var sent = new Dissemination
            {
                ReportId = report.Id, ToUnitId = toUnit?.Id, ToPartnerId = toPartner?.Id, Recipient = toUnit?.Name ?? $"{request.Recipient!.Trim()}, {toPartner!.Name}",
                Purpose = request.Purpose!.Trim(), Conditions = report.HandlingConditions, PartnerAcknowledgedBy = toPartner is null ? null : request.AcknowledgedBy?.Trim(),
                SentAt = now, SentBy = Me,
            };
            if (toUnit is not null)
            {
                // The receiving unit's own copy: its text withheld from it, under handling code C, until one of them acknowledges the conditions.
                var sender = (await directory.OfAsync(report.OwningUnitId, null, ct))?.Name ?? "another unit";
                var copy = new IntelligenceReport
                {
                    Reference = await IntelligenceModule.FreshReferenceAsync(db, now.Year, ct), Text = report.Text, Source = report.Source, Assessment = report.Assessment,
                    Handling = report.Handling, HandlingConditions = report.HandlingConditions, LegacyGrading = report.LegacyGrading,
                    InformationDate = report.InformationDate, ReportedAt = now, SubmittedById = access.UserId!.Value, SubmittedBy = Me,
                    State = ReportState.New, ReviewDue = report.ReviewDue, ReceivedFrom = $"{sender}, report {report.Reference}",
                    Classification = report.Classification, OfficialSensitive = report.OfficialSensitive, OwningUnitId = toUnit.Id, UpdatedAt = now,
                };
                db.Add(copy);
                sent.CopyId = copy.Id;
                inbox.Send(ProtectiveLabel.Of(copy), $"Intelligence report shared with you by {sender}",
                    copy.Handling == HandlingCode.C
                        ? $"Report {copy.Reference}, graded {copy.GradeText}: acknowledge its handling conditions to read it."
                        : $"Report {copy.Reference}, graded {copy.GradeText}, is in your unit's intelligence queue.",
                    "intelligence-report", copy.Id.ToString());
            }
            db.Add(sent);
            await db.SaveChangesAsync(ct);
            return WorkResult<DisseminationDto>.Ok(new DisseminationDto(sent.Id, sent.Recipient, sent.Purpose, sent.Conditions, sent.SentAt, sent.SentBy, sent.PartnerAcknowledgedBy,
                sent.PartnerAcknowledgedBy is null ? null : sent.SentAt));
        }, ct);

    /// <summary>Who the report was sent to; for a unit, whether its copy's conditions have been acknowledged
    /// (only that is read of the copy, which the sender may not see).</summary>
    public async Task<IReadOnlyList<DisseminationDto>?> DisseminationsAsync(Guid id, CancellationToken ct)
    {
        if (await db.FindVisibleAsync<IntelligenceReport>(id, "intelligence-report", track: false, ct) is null)
        {
            return null;
        }
        var sent = await db.Set<Dissemination>().AsNoTracking().Where(d => d.ReportId == id).OrderBy(d => d.SentAt).ToListAsync(ct);
        var copies = sent.Where(d => d.CopyId is not null).Select(d => d.CopyId!.Value).ToList();
        var acknowledged = await db.Set<IntelligenceReport>().IgnoreQueryFilters().AsNoTracking().Where(r => copies.Contains(r.Id))
            .Select(r => new { r.Id, r.AcknowledgedBy, r.AcknowledgedAt }).ToDictionaryAsync(r => r.Id, ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "disseminations", id.ToString(), detail: $"{sent.Count} disseminations");
        await db.SaveChangesAsync(ct);
        return [.. sent.Select(d => d.CopyId is { } copy && acknowledged.TryGetValue(copy, out var a)
            ? new DisseminationDto(d.Id, d.Recipient, d.Purpose, d.Conditions, d.SentAt, d.SentBy, a.AcknowledgedBy, a.AcknowledgedAt)
            : new DisseminationDto(d.Id, d.Recipient, d.Purpose, d.Conditions, d.SentAt, d.SentBy, d.PartnerAcknowledgedBy, d.PartnerAcknowledgedBy is null ? null : d.SentAt))];
    }

    /// <summary>The receiving unit acknowledges a copy's handling conditions, and may then read it.</summary>
    public Task<WorkResult<ReportDto>> AcknowledgeAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, ReportStep.Acknowledge, null, (report, ct) =>
        {
            (report.AcknowledgedBy, report.AcknowledgedAt) = (Me, db.Clock.GetUtcNow());
            report.Touch(db.Clock.GetUtcNow());
            return SavedAsync(report, ct);
        }, ct);

    /// <summary>The report as it leaves the system, recorded as taken by the user (export or print); a copy whose
    /// conditions are not acknowledged cannot leave.</summary>
    public async Task<WorkResult<ReportRendition>> ReleaseAsync(Guid id, string kind, CancellationToken ct)
    {
        var report = await db.FindVisibleAsync<IntelligenceReport>(id, "intelligence-report", track: false, ct);
        if (report is null)
        {
            return WorkResult<ReportRendition>.Missing();
        }
        if (report.Withheld)
        {
            return WorkResult<ReportRendition>.Conflict("Acknowledge the handling conditions before taking this report out of the system.");
        }
        var now = db.Clock.GetUtcNow();
        db.Add(new ReportRelease { ReportId = id, Kind = kind, At = now, By = Me });
        db.Audit(AuditActions.Export, AuditOutcomes.Success, "intelligence-report", id.ToString(), detail: $"{kind} of {report.Reference}, graded {report.GradeText}");
        await db.SaveChangesAsync(ct);
        return WorkResult<ReportRendition>.Ok(new ReportRendition(report.Reference, Marking(report), report.GradeText,
            report.Handling == HandlingCode.C ? report.HandlingConditions : null, report.Text, Me, now));
    }

    private static string Marking(IntelligenceReport report) =>
        ClassificationText.Display(report.Classification, report.OfficialSensitive);
}
