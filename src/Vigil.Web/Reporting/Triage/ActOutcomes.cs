using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Intelligence;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;
using Vigil.Web.Prevent;

namespace Vigil.Web.Reporting;

/// <summary>An intelligence report made from an ACT report: the officer's sanitised text (pre-filled from the report,
/// without the reporter's contact details) and their grading; what the report names is carried over.</summary>
public sealed record CreateIntelligence
{
    [Required(ErrorMessage = "Enter the intelligence report's text"), StringLength(20_000)]
    public string? Text { get; init; }
    public string? Source { get; init; }
    public string? Assessment { get; init; }
    public string? Handling { get; init; }
    [StringLength(2000)]
    public string? HandlingConditions { get; init; }
    [Required(ErrorMessage = "Say why the report becomes intelligence"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Say why in 5 to 2,000 characters")]
    public string? Reason { get; init; }
    public Guid? Version { get; init; }
}

/// <summary>A referral to the Prevent team of the person's area, pre-filled from the report for its gateway.</summary>
public sealed record ReferToPrevent(
    [property: Required(ErrorMessage = "Choose the local authority area the person lives in"), StringLength(64)] string? Panel,
    [property: Required(ErrorMessage = "Enter the person's given name"), StringLength(200)] string? GivenName,
    [property: Required(ErrorMessage = "Enter the person's surname"), StringLength(200)] string? Surname,
    [property: Required(ErrorMessage = "Choose the type of concern"), StringLength(64)] string? ConcernType,
    [property: Required(ErrorMessage = "Say why the report goes to Prevent"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Say why in 5 to 2,000 characters")] string? Reason,
    Guid? Version = null);

public sealed partial class ActTriage
{
    /// <summary>The text an intelligence report made from this one starts from: what was reported, never who reported it.</summary>
    public static string IntelligenceDraft(ActReportDto r)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"From ACT public report {r.Reference} (received {r.ReceivedAt:d MMMM yyyy}). {r.Behaviour}.\n");
        text.Append(CultureInfo.InvariantCulture, $"Seen: {(r.SeenOn is { } d ? d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : "date not given")}{(r.SeenAt is { } t ? " at " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : "")}. ");
        text.Append(CultureInfo.InvariantCulture, $"Where: {(r.Online ? "online " + r.OnlineLink : string.Join(", ", new[] { r.Address, r.Postcode, r.PlaceDescription }.Where(s => s.Length > 0)))}.\n");
        text.Append(r.WhatHappened);
        foreach (var p in r.People)
        {
            text.Append('\n').Append(string.Create(CultureInfo.InvariantCulture, $"Person: {p.Name} {p.Description}").TrimEnd());
        }
        foreach (var v in r.Vehicles)
        {
            text.Append('\n').Append(string.Create(CultureInfo.InvariantCulture, $"Vehicle: {v.Registration} {v.Make} {v.Colour}").TrimEnd());
        }
        if (r.AnythingElse.Length > 0)
        {
            text.Append("\nAlso: ").Append(r.AnythingElse);
        }
        return text.ToString();
    }

    /// <summary>Records an intelligence report from the ACT report, graded by the officer, with the people and vehicles it
    /// names (each through deconfliction), and the ACT report's outcome, all in one transaction.</summary>
    public Task<WorkResult<ActReportDto>> CreateIntelligenceAsync(Guid id, CreateIntelligence request, CancellationToken ct) =>
        StepAsync(id, ActStep.CreateIntelligence, request.Version, async (report, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (errors.Count > 0)
            {
                return WorkResult<ActReportDto>.Invalid(errors);
            }
            var entities = new List<NamedEntity>();
            foreach (var person in report.People.Where(p => p.Name.Trim().Contains(' ', StringComparison.Ordinal)))
            {
                var name = person.Name.Trim();
                var split = name.LastIndexOf(' ');
                entities.Add(new NamedEntity(EntityKind.Person, GivenName: name[..split].Trim(), Surname: name[(split + 1)..]));
            }
            entities.AddRange(report.Vehicles.Where(v => v.Registration.Length > 0).Select(v => new NamedEntity(EntityKind.Vehicle, v.Registration)));
            if (report.Postcode.Length > 0)
            {
                entities.Add(new NamedEntity(EntityKind.Address, string.Join(", ", new[] { report.Address, report.Postcode }.Where(s => s.Length > 0))));
            }
            if (report.OnlineLink.Length > 0)
            {
                entities.Add(new NamedEntity(EntityKind.OnlineHandle, ActText.Bound(report.OnlineLink, 400)));
            }
            await using var transaction = await db.BeginWriteAsync(ct);
            var recorded = await intelligence.RecordAsync(new RecordReport
            {
                Text = request.Text, Source = request.Source, Assessment = request.Assessment, Handling = request.Handling,
                HandlingConditions = request.HandlingConditions, InformationDate = report.SeenOn ?? DateOnly.FromDateTime(report.ReceivedAt.UtcDateTime),
                Classification = Classification.Official, OfficialSensitive = true, Entities = entities,
            }, ct);
            if (recorded.Value is not { } made)
            {
                return recorded.Status == WorkStatus.Invalid ? WorkResult<ActReportDto>.Invalid(recorded.Errors)
                    : WorkResult<ActReportDto>.Refused(new Refusal(recorded.Status, string.Join(" ", recorded.Messages)));
            }
            (report.IntelligenceReportId, report.IntelligenceReference) = (made.Id, made.Reference);
            report.Decide(ActOutcome.IntelligenceReport, request.Reason!.Trim(), $"{made.Reference}, graded {made.Grade}", db.Clock.GetUtcNow(), Me);
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", id.ToString(), detail: $"intelligence report {made.Reference} created");
            var saved = await SavedAsync(report, ct);
            if (saved.Status == WorkStatus.Done)
            {
                await transaction.CommitAsync(ct);
            }
            return saved;
        }, ct);

    /// <summary>The areas and concern types the Prevent referral offers.</summary>
    public async Task<(IReadOnlyList<(string Code, string Name)> Areas, IReadOnlyList<(string Code, string Name)> Concerns)> PreventChoicesAsync(CancellationToken ct) =>
        (await referrals.AreasAsync(ct), await referrals.ConcernTypesAsync(ct));

    /// <summary>Sends a referral to the area's Prevent team (it waits there for the gateway as any referral from a partner
    /// does), from this unit's triage officer, and records the outcome: one transaction.</summary>
    public Task<WorkResult<ActReportDto>> ReferToPreventAsync(Guid id, ReferToPrevent request, CancellationToken ct) =>
        StepAsync(id, ActStep.ReferToPrevent, request.Version, async (report, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (errors.Count > 0)
            {
                return WorkResult<ActReportDto>.Invalid(errors);
            }
            var unit = (await directory.UnitsAsync(ct)).FirstOrDefault(u => u.Id == report.OwningUnitId);
            await using var transaction = await db.BeginWriteAsync(ct);
            var sent = await referrals.SubmitAsync(new ReferralRequest
            {
                Panel = request.Panel, Sector = ReferrerSector.Police, ReferrerName = Me, ReferrerOrganisation = $"{unit?.Name ?? "Counter Terrorism Policing"} ACT triage",
                ReferrerRole = "ACT triage officer", ReferrerContact = access.UserName,
                GivenName = request.GivenName, Surname = request.Surname, Postcode = report.Postcode.Length > 0 ? report.Postcode : null,
                Address = report.Address.Length > 0 ? report.Address : null, ConcernType = request.ConcernType,
                WhatPrompted = ActText.Bound($"ACT public report {report.Reference}: {report.WhatHappened}", 4000),
            }, ct);
            if (sent.Value is not { } receipt)
            {
                return sent.Status == WorkStatus.Invalid ? WorkResult<ActReportDto>.Invalid(sent.Errors)
                    : WorkResult<ActReportDto>.Refused(new Refusal(sent.Status, string.Join(" ", sent.Messages)));
            }
            report.PreventReference = receipt.Reference;
            report.Decide(ActOutcome.Prevent, request.Reason!.Trim(), $"Prevent referral {receipt.Reference}", db.Clock.GetUtcNow(), Me);
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", id.ToString(), detail: $"referred to Prevent ({receipt.Reference})");
            var saved = await SavedAsync(report, ct);
            if (saved.Status == WorkStatus.Done)
            {
                await transaction.CommitAsync(ct);
            }
            return saved;
        }, ct);

    /// <summary>A file the reporter sent, for those who may see the report (the download audited).</summary>
    public async Task<WorkResult<ActAttachment>> AttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var report = await db.FindVisibleAsync<ActReport>(id, "act-report", track: false, ct);
        if (report is null)
        {
            return WorkResult<ActAttachment>.Missing();
        }
        var file = await db.Set<ActAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == id, ct);
        if (file is null)
        {
            await db.RecordMissAsync<ActAttachment>(a => a.Id == attachmentId, "act-attachment", attachmentId.ToString(), ct: ct);
            return WorkResult<ActAttachment>.Missing();
        }
        db.Audit(AuditActions.Export, AuditOutcomes.Success, "act-attachment", attachmentId.ToString(), detail: $"{file.FileName} of {report.Reference}");
        await db.SaveChangesAsync(ct);
        return WorkResult<ActAttachment>.Ok(file);
    }

    /// <summary>Takes, or closes with no further action, several reports at once; each one's rule still decides, and
    /// those it refuses are named with the reason.</summary>
    public async Task<WorkResult<BulkOutcome>> BulkAsync(BulkTriage request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        if (request.Action == ActBulkAction.NoFurtherAction && (request.Reason?.Trim().Length ?? 0) < 5)
        {
            ApiValidation.Add(errors, nameof(BulkTriage.Reason), "Give the reason for no further action, in 5 to 2,000 characters");
        }
        if (errors.Count > 0)
        {
            return WorkResult<BulkOutcome>.Invalid(errors);
        }
        if (!Triages(access))
        {
            return WorkResult<BulkOutcome>.Forbidden("Only ACT triage officers work the ACT queues.");
        }
        var done = 0;
        var notDone = new List<string>();
        var missing = new List<Guid>();
        foreach (var id in request.Reports!.Distinct())
        {
            var report = await db.Set<ActReport>().FirstOrDefaultAsync(r => r.Id == id, ct);
            if (report is null)
            {
                missing.Add(id);
                notDone.Add($"{id}: not found");
                continue;
            }
            var asker = AskerFor(report);
            var now = db.Clock.GetUtcNow();
            if (report.WhyNot(ActStep.Take, asker) is { } cannotTake && report.HeldById != asker.UserId)
            {
                notDone.Add($"{report.Reference}: {cannotTake.Message}");
                continue;
            }
            if (report.HeldById != asker.UserId)
            {
                report.Take(asker.UserId!.Value, Me, now);
            }
            if (request.Action == ActBulkAction.NoFurtherAction)
            {
                if (report.WhyNot(ActStep.Close, asker) is { } cannotClose)
                {
                    notDone.Add($"{report.Reference}: {cannotClose.Message}");
                    continue;
                }
                report.Decide(ActOutcome.NoFurtherAction, request.Reason!.Trim(), "", now, Me);
            }
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", id.ToString(), detail: $"bulk: {request.Action}");
            done++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WorkResult<BulkOutcome>.Conflict("Someone else changed one of the reports at the same moment: nothing was changed. Look at the queue again.");
        }
        // Misses are audited as every miss is, once the changes are saved.
        foreach (var id in missing)
        {
            await db.RecordMissAsync<ActReport>(r => r.Id == id, "act-report", id.ToString(), ct: ct);
        }
        return WorkResult<BulkOutcome>.Ok(new BulkOutcome(done, notDone));
    }
}
