using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Links;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Intelligence;

/// <summary>A report as an officer records it: only the text, the three grades and the classification are
/// required (a legacy 5x5x5 grading may stand for the three grades); the rest is optional.</summary>
public sealed record RecordReport
{
    [Required(ErrorMessage = "Enter the report's text"), StringLength(20_000, ErrorMessage = "The report's text must be 20,000 characters or fewer")]
    public string? Text { get; init; }

    /// <summary>Source evaluation: "1", "2" or "3".</summary>
    public string? Source { get; init; }

    /// <summary>Intelligence assessment: "A" to "E".</summary>
    public string? Assessment { get; init; }

    /// <summary>Handling code: "P" or "C".</summary>
    public string? Handling { get; init; }

    [StringLength(2000, ErrorMessage = "The handling conditions must be 2,000 characters or fewer")]
    public string? HandlingConditions { get; init; }

    /// <summary>A legacy record's 5x5x5 grading as it was given ("B24"), instead of the three grades.</summary>
    public string? Legacy { get; init; }

    public DateOnly? InformationDate { get; init; }

    [Required(ErrorMessage = "Choose a classification")]
    public Classification? Classification { get; init; }

    public bool OfficialSensitive { get; init; }

    public List<Guid>? NeedToKnowGroups { get; init; }

    /// <summary>Ask the desk to review the grading (it then waits in "awaiting grading review").</summary>
    public bool ForGradingReview { get; init; }

    public SourceDetailsRequest? SourceDetails { get; init; }

    public List<NamedEntity>? Entities { get; init; }
}

public sealed record SourceDetailsRequest(
    [property: Required(ErrorMessage = "Enter the source reference"), StringLength(100, ErrorMessage = "The source reference must be 100 characters or fewer")] string? SourceReference,
    [property: StringLength(200)] string? Handler = null,
    [property: StringLength(2000)] string? HowObtained = null);

/// <summary>Someone or something named in a report. A person by <see cref="GivenName"/> and <see cref="Surname"/> (or a
/// known subject's id); anything else by its <see cref="Value"/>.</summary>
public sealed record NamedEntity(
    EntityKind? Kind,
    [property: StringLength(400)] string? Value = null,
    [property: StringLength(200)] string? GivenName = null,
    [property: StringLength(200)] string? Surname = null,
    DateOnly? DateOfBirth = null,
    Guid? SubjectId = null);

public sealed record Regrade(string? Source, string? Assessment, string? Handling,
    [property: StringLength(2000)] string? HandlingConditions,
    [property: Required(ErrorMessage = "Say why the grading changes"), StringLength(1000)] string? Reason,
    Guid? Version = null);

public sealed record ReviewReport([property: Required(ErrorMessage = "Enter the date of the next review")] DateOnly? NextReview,
    [property: StringLength(1000)] string? Note = null, Guid? Version = null);

public sealed record LinkInvestigation(Guid? InvestigationId, [property: StringLength(200)] string? OperationName);

public sealed record SourceDetailsDto(string SourceReference, string Handler, string HowObtained);

public sealed record LinkedInvestigationDto(Guid Id, string OperationName, DateTimeOffset LinkedAt, string LinkedBy);

public sealed record ReportEntityDto(Guid Id, EntityKind Kind, string Value, DateOnly? DateOfBirth, Guid? SubjectId, string? SubjectName,
    EntityLink Link, string LinkNote, string Provenance, DateTimeOffset AddedAt, string AddedBy);

public sealed record DisseminationDto(Guid Id, string Recipient, string Purpose, string Conditions, DateTimeOffset SentAt, string SentBy,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt);

public sealed record ReportDto(
    Guid Id, string Reference, string Text, SourceEvaluation Source, IntelligenceAssessment Assessment, HandlingCode Handling,
    string HandlingConditions, string? LegacyGrading, string Grade, DateOnly? InformationDate, DateTimeOffset ReportedAt,
    string SubmittedBy, string Unit, ReportState State, DateOnly ReviewDue, string GradingNote,
    Classification Classification, bool OfficialSensitive, IReadOnlyList<Guid> NeedToKnowGroups,
    IReadOnlyList<LinkedInvestigationDto> Investigations, string? ReceivedFrom, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt,
    bool Withheld, SourceDetailsDto? SourceDetails, IReadOnlyList<ReportEntityDto> Entities, IReadOnlyList<StepRule<ReportStep>> Steps, Guid Version);

public sealed record ReportListItem(Guid Id, string Reference, string Grade, HandlingCode Handling, string Extract, DateTimeOffset ReportedAt,
    string SubmittedBy, string Unit, ReportState State, DateOnly ReviewDue, bool Withheld);

/// <summary>Which reports a list shows: all the user may see, or one of the unit's queues as the desk works them.</summary>
public enum ReportFilter { All, New, AwaitingGradingReview, DueForReview }

/// <summary>The unit's queues, each counted up to one past <see cref="CountLimit"/>: a count above it means more.</summary>
public sealed record QueueCounts(int New, int AwaitingGradingReview, int DueForReview)
{
    public int CountLimit => Paging.CountLimit;
}

/// <summary>
/// The intelligence reports' use cases, for the pages and the API (one partial class across the files of
/// the module: reports and grading here, entities, disseminations and releases beside). Every command starts
/// with <see cref="StepAsync{T}"/>: the report through the access filter (a hidden one answers as a missing
/// one, audited), the rule on the entity, then the work; every read is audited in the same save.
/// </summary>
public sealed partial class IntelligenceReports(VigilDb db, AccessContext access, IOrganisationDirectory directory, SubjectRecords subjects,
    DeconflictionService deconfliction, UnitInbox inbox, IEnumerable<IRecordFinder> finders)
{
    /// <summary>Who may record and work on intelligence reports.</summary>
    public static readonly IReadOnlySet<string> Writers = new HashSet<string>(StringComparer.Ordinal)
    {
        Roles.IntelligenceOfficer, Roles.Analyst, Roles.Investigator, Roles.Sio, Roles.ActTriageOfficer,
    };

    /// <summary>How long until a report's first review, from when it is recorded.</summary>
    public static readonly TimeSpan FirstReview = TimeSpan.FromDays(365);

    private string Me => access.DisplayName ?? access.UserName ?? "";

    private ReportAsker AskerFor(IntelligenceReport report) =>
        new(access.IsInRole(Roles.IntelligenceOfficer) && access.UnitId == report.OwningUnitId && access.PartnerAgencyId is null,
            access.Roles.Any(Writers.Contains) && access.PartnerAgencyId is null);

    // ---- Grades as typed: the 3x5x2 values, or a clear message with the allowed ones ----

    private static readonly Regex LegacyPattern = new("^[A-E][1-5][1-5]$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    internal static (SourceEvaluation? Source, IntelligenceAssessment? Assessment, HandlingCode? Handling) ReadGrades(
        string? source, string? assessment, string? handling, Dictionary<string, string[]> errors, bool required = true)
    {
        SourceEvaluation? s = source?.Trim() switch { "1" => SourceEvaluation.Reliable, "2" => SourceEvaluation.Untested, "3" => SourceEvaluation.NotReliable, _ => null };
        IntelligenceAssessment? a = assessment?.Trim().ToUpperInvariant() is { Length: 1 } letter && Enum.TryParse<IntelligenceAssessment>(letter, out var parsed) ? parsed : null;
        HandlingCode? h = handling?.Trim().ToUpperInvariant() switch { "P" => HandlingCode.P, "C" => HandlingCode.C, _ => null };
        if (s is null && (required || !string.IsNullOrWhiteSpace(source)))
        {
            ApiValidation.Add(errors, "Source", "Choose the source evaluation: 1 (reliable), 2 (untested) or 3 (not reliable)");
        }
        if (a is null && (required || !string.IsNullOrWhiteSpace(assessment)))
        {
            ApiValidation.Add(errors, "Assessment", "Choose the intelligence assessment: A, B, C, D or E");
        }
        if (h is null && (required || !string.IsNullOrWhiteSpace(handling)))
        {
            ApiValidation.Add(errors, "Handling", "Choose the handling code: P (sharing permitted) or C (sharing permitted with conditions)");
        }
        return (s, a, h);
    }

    /// <summary>Records a report, its source details and the entities it names (each linked through the
    /// deconfliction check), all or nothing.</summary>
    public async Task<WorkResult<ReportDto>> RecordAsync(RecordReport request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        if (access.UnitId is not { } unit || access.PartnerAgencyId is not null || !access.Roles.Any(Writers.Contains))
        {
            return WorkResult<ReportDto>.Forbidden("Your roles do not allow you to record intelligence reports.");
        }
        SourceEvaluation? source;
        IntelligenceAssessment? assessment;
        HandlingCode? handling;
        string? legacy = null;
        var conditions = request.HandlingConditions?.Trim() ?? "";
        if (!string.IsNullOrWhiteSpace(request.Legacy))
        {
            legacy = request.Legacy.Trim().ToUpperInvariant();
            if (!LegacyPattern.IsMatch(legacy))
            {
                ApiValidation.Add(errors, "Legacy", "A legacy 5x5x5 grading is a source letter A to E, an intelligence number 1 to 5 and a handling number 1 to 5, like B24");
            }
            (source, assessment, handling) = legacy.Length == 3 && LegacyPattern.IsMatch(legacy)
                ? FromLegacy(legacy) : ((SourceEvaluation?)null, (IntelligenceAssessment?)null, (HandlingCode?)null);
            if (handling == HandlingCode.C && conditions.Length == 0)
            {
                conditions = $"Legacy 5x5x5 handling code {legacy[2]}: handle as the original grading requires.";
            }
        }
        else
        {
            (source, assessment, handling) = ReadGrades(request.Source, request.Assessment, request.Handling, errors);
        }
        if (handling is { } code && IntelligenceReport.WhyNotGrade(code, conditions) is { } refusal)
        {
            ApiValidation.Add(errors, refusal.Field!, refusal.Message);
        }
        if (request.InformationDate is { } when && when > DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime))
        {
            ApiValidation.Add(errors, nameof(RecordReport.InformationDate), "The date of the information must be today or in the past");
        }
        var groups = request.NeedToKnowGroups?.Distinct().ToList() ?? [];
        if (request.Classification is { } level && AccessPolicy.LabelRefusal(access, new ProtectiveLabel(level, request.OfficialSensitive, unit, groups)) is { } labelRefusal)
        {
            ApiValidation.Add(errors, nameof(RecordReport.Classification), labelRefusal);
        }
        Guid? sourceUnit = null;
        if (request.SourceDetails is { } details)
        {
            foreach (var (field, messages) in ApiValidation.Validate(details))
            {
                errors[$"SourceDetails.{field}"] = messages;
            }
            sourceUnit = await IntelligenceModule.SourceUnitGroupAsync(db, unit, ct);
            if (sourceUnit is null || !access.GroupIds.Contains(sourceUnit.Value))
            {
                ApiValidation.Add(errors, "SourceDetails.SourceReference", "Only members of your unit's source unit can record source details");
            }
        }
        foreach (var (entity, i) in (request.Entities ?? []).Select((e, i) => (e, i)))
        {
            foreach (var (field, message) in WhyNotEntity(entity))
            {
                ApiValidation.Add(errors, $"Entities[{i}].{field}", message);
            }
        }
        if (errors.Count > 0)
        {
            return WorkResult<ReportDto>.Invalid(errors);
        }

        var now = db.Clock.GetUtcNow();
        var report = new IntelligenceReport
        {
            Reference = await IntelligenceModule.FreshReferenceAsync(db, now.Year, ct), Text = request.Text!.Trim(),
            Source = source!.Value, Assessment = assessment!.Value, Handling = handling!.Value,
            HandlingConditions = handling == HandlingCode.C ? conditions : "", LegacyGrading = legacy,
            InformationDate = request.InformationDate, ReportedAt = now, SubmittedById = access.UserId!.Value, SubmittedBy = Me,
            State = request.ForGradingReview || legacy is not null ? ReportState.AwaitingGradingReview : ReportState.New,
            ReviewDue = DateOnly.FromDateTime((now + FirstReview).UtcDateTime),
            Classification = request.Classification!.Value, OfficialSensitive = request.OfficialSensitive, OwningUnitId = unit,
            NeedToKnow = groups.Select(g => new RecordGroup { GroupId = g }).ToList(), UpdatedAt = now,
        };
        // The report, its source details, the checks' audit, new subjects and the links: together or not at all
        // (within the caller's transaction when there is one: an ACT report's outcome is saved with the report made from it).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.BeginWriteAsync(ct) : null;
        db.Add(report);
        if (request.SourceDetails is { } held)
        {
            db.Add(new SourceDetails
            {
                ReportId = report.Id, SourceReference = held.SourceReference!.Trim(), Handler = held.Handler?.Trim() ?? "", HowObtained = held.HowObtained?.Trim() ?? "",
                Classification = report.Classification, OfficialSensitive = report.OfficialSensitive, OwningUnitId = unit,
                NeedToKnow = [new RecordGroup { GroupId = sourceUnit!.Value }],
            });
        }
        await db.SaveChangesAsync(ct);
        foreach (var entity in request.Entities ?? [])
        {
            await LinkEntityAsync(report, entity, ct);
        }
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return WorkResult<ReportDto>.Ok(await ToDtoAsync(report, ct));
    }

    // The nearest 3x5x2 reading of a legacy grade (kept only for sorting and facets: the page shows the grade as given).
    private static (SourceEvaluation?, IntelligenceAssessment?, HandlingCode?) FromLegacy(string legacy) => (
        legacy[0] switch { 'A' => SourceEvaluation.Reliable, 'E' => SourceEvaluation.NotReliable, _ => SourceEvaluation.Untested },
        (IntelligenceAssessment)(legacy[1] - '1'),
        legacy[2] == '1' ? HandlingCode.P : HandlingCode.C);

    /// <summary>A report, read (audited); null when it is missing or hidden (the miss audited alike).</summary>
    public async Task<ReportDto?> ReadAsync(Guid id, CancellationToken ct, string? purpose = null)
    {
        var report = await db.FindVisibleAsync<IntelligenceReport>(id, "intelligence-report", track: false, ct);
        if (report is null)
        {
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "intelligence-report", id.ToString(), purpose);
        return await ToDtoAsync(report, ct);
    }

    /// <summary>The report as the user may see it; saves the audit of what was read.</summary>
    private async Task<ReportDto> ToDtoAsync(IntelligenceReport report, CancellationToken ct)
    {
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        // Source details come through their own filter: only the source unit reads them, and the reading is audited.
        var source = report.Withheld ? null : await db.Set<SourceDetails>().AsNoTracking().Where(s => s.ReportId == report.Id)
            .Select(s => new SourceDetailsDto(s.SourceReference, s.Handler, s.HowObtained)).FirstOrDefaultAsync(ct);
        if (source is not null)
        {
            db.Audit(AuditActions.Read, AuditOutcomes.Success, "source-details", report.Id.ToString(), detail: "source details of " + report.Reference);
        }
        var entities = report.Withheld ? [] : await EntitiesOfAsync(report.Id, ct);
        var asker = AskerFor(report);
        // A linked investigation is shown only to those who may see it (its name is its own record's).
        var investigations = (await finders.VisibleAsync("investigation", [.. report.Investigations.Select(l => l.InvestigationId)], ct)).ToDictionary(r => r.Id);
        // The reading's audit (and the source details') in one save, whatever the caller saved before.
        await db.SaveChangesAsync(ct);
        return new ReportDto(report.Id, report.Reference, report.Withheld ? "" : report.Text, report.Source, report.Assessment, report.Handling,
            report.HandlingConditions, report.LegacyGrading, report.GradeText, report.InformationDate, report.ReportedAt, report.SubmittedBy,
            units.GetValueOrDefault(report.OwningUnitId, "another unit"), report.State, report.ReviewDue, report.GradingNote,
            report.Classification, report.OfficialSensitive, report.NeedToKnow.Select(g => g.GroupId).ToList(),
            report.Investigations.Where(l => investigations.ContainsKey(l.InvestigationId)).OrderBy(l => l.LinkedAt)
                .Select(l => new LinkedInvestigationDto(l.InvestigationId, investigations[l.InvestigationId].Title, l.LinkedAt, l.LinkedBy)).ToList(),
            report.ReceivedFrom, report.AcknowledgedBy, report.AcknowledgedAt, report.Withheld, source, entities,
            StepRule<ReportStep>.For(step => report.WhyNot(step, asker)), report.Version);
    }

    /// <summary>The reports the user may see, or the unit's queue: new, awaiting grading review, due for review.</summary>
    public async Task<Paged<ReportListItem>> ListAsync(ReportFilter queue, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        var query = Queue(queue, today).AsNoTracking();
        var (total, more) = await Paging.CountUpToLimitAsync(query, ct);
        var rows = await (queue == ReportFilter.DueForReview ? query.OrderBy(r => r.ReviewDue).ThenBy(r => r.Id) : query.OrderByDescending(r => r.ReportedAt).ThenBy(r => r.Id))
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "intelligence-report", null,
            detail: $"queue {queue}; page {p}; {rows.Count} of {(more ? "more than " : "")}{total} shown: {string.Join(",", rows.Select(r => r.Id))}");
        await db.SaveChangesAsync(ct);
        return new Paged<ReportListItem>([.. rows.Select(r => new ReportListItem(r.Id, r.Reference, r.GradeText, r.Handling,
            r.Withheld ? "Withheld until the handling conditions are acknowledged" : Extract(r.Text), r.ReportedAt, r.SubmittedBy,
            units.GetValueOrDefault(r.OwningUnitId, "another unit"), r.State, r.ReviewDue, r.Withheld))], p, size, total, more);
    }

    private IQueryable<IntelligenceReport> Queue(ReportFilter queue, DateOnly today)
    {
        var reports = db.Set<IntelligenceReport>().AsQueryable();
        var mine = reports.Where(r => r.OwningUnitId == access.UnitId);
        return queue switch
        {
            ReportFilter.New => mine.Where(r => r.State == ReportState.New),
            ReportFilter.AwaitingGradingReview => mine.Where(r => r.State == ReportState.AwaitingGradingReview),
            ReportFilter.DueForReview => mine.Where(r => r.ReviewDue <= today),
            _ => reports,
        };
    }

    /// <summary>How many wait in each of the unit's queues (of the reports the user may see), each counted up to
    /// one past <see cref="Paging.CountLimit"/>: counting every report of a large unit's queue through the record
    /// filter took seconds at national scale (the soak, issue 18, saw it time out under load).</summary>
    public async Task<QueueCounts> CountsAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        return new QueueCounts(
            await Paging.CountPastLimitAsync(Queue(ReportFilter.New, today), ct),
            await Paging.CountPastLimitAsync(Queue(ReportFilter.AwaitingGradingReview, today), ct),
            await Paging.CountPastLimitAsync(Queue(ReportFilter.DueForReview, today), ct));
    }

    private static string Extract(string text) => text.Length <= 160 ? text : text[..157].TrimEnd() + "...";

    /// <summary>The one step every command starts with: the report through the filter (a miss audited as one),
    /// the version read when one is sent, the rule, then the work, which saves.</summary>
    private async Task<WorkResult<T>> StepAsync<T>(Guid id, ReportStep step, Guid? version, Func<IntelligenceReport, CancellationToken, Task<WorkResult<T>>> work, CancellationToken ct)
    {
        var report = await db.FindVisibleAsync<IntelligenceReport>(id, "intelligence-report", track: true, ct);
        if (report is null)
        {
            return WorkResult<T>.Missing();
        }
        if (report.WhyNot(step, AskerFor(report)) is { } refusal)
        {
            return WorkResult<T>.Refused(refusal);
        }
        if (version is { } read && read != report.Version)
        {
            return WorkResult<T>.Conflict("Someone else changed this report first. Read it again and re-apply your change. Nothing was overwritten.");
        }
        return await work(report, ct);
    }

    private async Task<WorkResult<ReportDto>> SavedAsync(IntelligenceReport report, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WorkResult<ReportDto>.Conflict("Someone else changed this report first. Read it again and re-apply your change. Nothing was overwritten.");
        }
        return WorkResult<ReportDto>.Ok(await ToDtoAsync(report, ct));
    }

    public Task<WorkResult<ReportDto>> AcceptGradingAsync(Guid id, Guid? version, CancellationToken ct) =>
        StepAsync(id, ReportStep.AcceptGrading, version, (report, ct) =>
        {
            report.AcceptGrading(db.Clock.GetUtcNow(), Me);
            return SavedAsync(report, ct);
        }, ct);

    public Task<WorkResult<ReportDto>> RegradeAsync(Guid id, Regrade request, CancellationToken ct) =>
        StepAsync(id, ReportStep.Regrade, request.Version, async (report, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            var (source, assessment, handling) = ReadGrades(request.Source, request.Assessment, request.Handling, errors);
            if (handling is { } code && IntelligenceReport.WhyNotGrade(code, request.HandlingConditions) is { } refusal)
            {
                ApiValidation.Add(errors, refusal.Field!, refusal.Message);
            }
            if (errors.Count > 0)
            {
                return WorkResult<ReportDto>.Invalid(errors);
            }
            report.Regrade(source!.Value, assessment!.Value, handling!.Value, request.HandlingConditions ?? "", request.Reason!, db.Clock.GetUtcNow(), Me);
            return await SavedAsync(report, ct);
        }, ct);

    public Task<WorkResult<ReportDto>> RecordReviewAsync(Guid id, ReviewReport request, CancellationToken ct) =>
        StepAsync(id, ReportStep.RecordReview, request.Version, async (report, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (request.NextReview is { } next && next <= DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime))
            {
                ApiValidation.Add(errors, nameof(ReviewReport.NextReview), "The next review must be after today");
            }
            if (errors.Count > 0)
            {
                return WorkResult<ReportDto>.Invalid(errors);
            }
            report.RecordReview(request.NextReview!.Value, db.Clock.GetUtcNow());
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "intelligence-report", id.ToString(),
                detail: $"reviewed: retained until the next review on {request.NextReview:yyyy-MM-dd}{(string.IsNullOrWhiteSpace(request.Note) ? "" : ": " + request.Note.Trim())}");
            return await SavedAsync(report, ct);
        }, ct);

    /// <summary>Links the report to an investigation the user may see (by id, or by operation name); the report
    /// then appears in the investigation's sequence of events.</summary>
    public Task<WorkResult<ReportDto>> LinkInvestigationAsync(Guid id, LinkInvestigation request, CancellationToken ct) =>
        StepAsync(id, ReportStep.LinkInvestigation, null, async (report, ct) =>
        {
            RecordRef? found = null;
            if (request.InvestigationId is { } investigation)
            {
                found = await finders.FindAsync("investigation", investigation, ct);
            }
            else if (!string.IsNullOrWhiteSpace(request.OperationName))
            {
                found = finders.FirstOrDefault(f => f.Type == "investigation") is { } finder ? await finder.FindByNameAsync(request.OperationName.Trim(), ct) : null;
            }
            else
            {
                return WorkResult<ReportDto>.Invalid(nameof(LinkInvestigation.OperationName), "Enter the operation name of the investigation");
            }
            if (found is null)
            {
                return WorkResult<ReportDto>.Invalid(nameof(LinkInvestigation.OperationName), "There is no investigation by that name that you may see");
            }
            if (report.Investigations.Any(l => l.InvestigationId == found.Id))
            {
                return WorkResult<ReportDto>.Invalid(nameof(LinkInvestigation.OperationName), $"The report is already linked to {found.Title}");
            }
            report.Investigations.Add(new ReportInvestigationLink { InvestigationId = found.Id, OperationName = found.Title, LinkedAt = db.Clock.GetUtcNow(), LinkedBy = Me });
            report.Touch(db.Clock.GetUtcNow());
            return await SavedAsync(report, ct);
        }, ct);
}
