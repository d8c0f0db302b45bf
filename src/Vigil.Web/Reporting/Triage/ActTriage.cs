using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Links;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Reporting;

/// <summary>Which of the unit's reports a queue shows.</summary>
public enum ActQueueFilter { Open, New, InProgress, AwaitingReporter, Done }

public sealed record ActQueueItem(Guid Id, string Reference, DateTimeOffset ReceivedAt, DateTimeOffset TargetAt, bool ImmediateThreat, string Behaviour,
    string Place, string Extract, ActState State, string HeldBy, ActOutcome? Outcome, int Related);

/// <summary>The unit's triage queues, each counted up to one past <see cref="CountLimit"/>: a count above it means more.</summary>
public sealed record ActQueueCounts(int New, int InProgress, int AwaitingReporter, int Immediate)
{
    public int CountLimit => Paging.CountLimit;
}

public sealed record ActCheckDto(string What, string CheckReference, IReadOnlyList<RecordRef> Subjects, string Masked, DateTimeOffset At);

public sealed record ActNearSiteDto(Guid SiteId, string Name, bool EnhancedTier);

public sealed record ActRelatedDto(Guid Id, string Reference, DateTimeOffset ReceivedAt, string Behaviour, string Place, string Postcode, string Reason);

public sealed record ActAttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Sha256);

public sealed record ActContactDto(string Name, string Phone, string Email);

public sealed record ActTrailDto(DateTimeOffset At, string By, string What);

public sealed record ActMessageDto(DateTimeOffset At, bool FromReporter, string By, string Text);

public sealed record ActReportDto(
    Guid Id, string Reference, DateTimeOffset ReceivedAt, DateTimeOffset TargetAt, bool ImmediateThreat, string Behaviour, string WhatHappened,
    DateOnly? SeenOn, TimeOnly? SeenAt, bool Online, string Postcode, string Address, string PlaceDescription, string OnlineLink,
    IReadOnlyList<ActPersonRequest> People, IReadOnlyList<ActVehicleRequest> Vehicles, string AnythingElse,
    string Unit, string Force, string RoutedBecause, ActState State, string HeldBy, ActOutcome? Outcome, string OutcomeReason, string OutcomeDetail,
    DateTimeOffset? TriagedAt, string TriagedBy, RecordRef? IntelligenceReport, RecordRef? Investigation, string PreventReference,
    bool HasContact, ActContactDto? Contact, IReadOnlyList<ActAttachmentDto> Attachments, IReadOnlyList<ActCheckDto> Checks,
    IReadOnlyList<ActRelatedDto> Related, IReadOnlyList<ActNearSiteDto> NearSites, IReadOnlyList<ActMessageDto> Messages, IReadOnlyList<ActTrailDto> Trail,
    IReadOnlyList<StepRule<ActStep>> Steps, Guid Version);

public sealed record ActVersion(Guid? Version);

public sealed record AskReporter([property: Required(ErrorMessage = "Enter the question for the reporter"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Write the question in 5 to 2,000 characters")] string? Question, Guid? Version = null);

public sealed record RerouteReport(
    [property: Required(ErrorMessage = "Choose the unit to send the report to"), StringLength(64)] string? Unit,
    [property: Required(ErrorMessage = "Say why the report goes to another unit"), StringLength(1000, MinimumLength = 5, ErrorMessage = "Say why in 5 to 1,000 characters")] string? Reason,
    Guid? Version = null);

/// <summary>No further action, or referral to local policing (which force).</summary>
public sealed record CloseReport(
    [property: Required(ErrorMessage = "Choose the outcome")] ActOutcome? Outcome,
    [property: StringLength(100)] string? Force,
    [property: Required(ErrorMessage = "Give the reason for the outcome"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Give the reason in 5 to 2,000 characters")] string? Reason,
    Guid? Version = null);

public sealed record LinkToInvestigation(
    [property: Required(ErrorMessage = "Enter the operation name of the investigation"), StringLength(200)] string? OperationName,
    [property: Required(ErrorMessage = "Say why the report belongs with the investigation"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Say why in 5 to 2,000 characters")] string? Reason,
    Guid? Version = null);

public sealed record BulkTriage(
    [property: Required(ErrorMessage = "Choose at least one report"), MinLength(1, ErrorMessage = "Choose at least one report"), MaxLength(100, ErrorMessage = "Choose 100 reports at most")] List<Guid>? Reports,
    [property: Required(ErrorMessage = "Choose what to do with the reports")] ActBulkAction? Action,
    [property: StringLength(2000)] string? Reason);

public enum ActBulkAction { Take, NoFurtherAction }

public sealed record BulkOutcome(int Done, IReadOnlyList<string> NotDone);

/// <summary>
/// Triage inside the network: the unit's queue (an ACT triage officer's, or the operations centre's for the
/// national queue), a report read whole (audited; the reporter's contact details only for the unit's contact
/// group), taking and releasing it so that two officers never work one report, the deconfliction check of what
/// it names (run as the officer who takes it, masked as every check is), questions to the reporter, re-routing
/// and the outcomes, each with its reason in the report's trail. Every command starts with <see cref="StepAsync{T}"/>.
/// </summary>
public sealed partial class ActTriage(VigilDb db, AccessContext access, IOrganisationDirectory directory, DeconflictionService deconfliction,
    IEnumerable<IRecordFinder> finders, Intelligence.IntelligenceReports intelligence, Prevent.Referrals referrals)
{
    private string Me => access.DisplayName ?? access.UserName ?? "";

    /// <summary>Whether the user triages for a unit's queue: an ACT triage officer of the unit, or for the national
    /// queue also the operations centre's coordinators.</summary>
    public static bool Triages(AccessContext access) =>
        access.PartnerAgencyId is null && access.UnitId is not null && (access.IsInRole(Roles.ActTriageOfficer) || access.IsInRole(Roles.OperationsCoordinator));

    // The operations centre's coordinators triage only the national queue: their own unit's.
    private ActAsker AskerFor(ActReport report) => new(Triages(access) && access.UnitId == report.OwningUnitId, access.UserId);

    private IQueryable<ActReport> Mine => db.Set<ActReport>().Where(r => r.OwningUnitId == access.UnitId);

    private IQueryable<ActReport> Queue(ActQueueFilter queue) => queue switch
    {
        ActQueueFilter.New => Mine.Where(r => r.State == ActState.New),
        ActQueueFilter.InProgress => Mine.Where(r => r.State == ActState.InProgress),
        ActQueueFilter.AwaitingReporter => Mine.Where(r => r.State == ActState.AwaitingReporter),
        ActQueueFilter.Done => Mine.Where(r => r.State == ActState.Done),
        _ => Mine.Where(r => r.State != ActState.Done),
    };

    /// <summary>The unit's queue: immediate threats first, then the oldest; what is done, newest first.</summary>
    public async Task<WorkResult<Paged<ActQueueItem>>> QueueAsync(ActQueueFilter queue, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Triages(access))
        {
            return WorkResult<Paged<ActQueueItem>>.Forbidden("Only ACT triage officers (and, for the national queue, the operations centre) work the ACT queues.");
        }
        var (p, size) = Paging.Normalise(page, pageSize);
        var query = Queue(queue).AsNoTracking();
        var (total, more) = await Paging.CountUpToLimitAsync(query, ct);
        var ordered = queue == ActQueueFilter.Done
            ? query.OrderByDescending(r => r.TriagedAt).ThenBy(r => r.Id)
            : query.OrderByDescending(r => r.ImmediateThreat).ThenBy(r => r.ReceivedAt).ThenBy(r => r.Id);
        var rows = await ordered.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var related = await db.Set<ActClusterLink>().Where(l => ids.Contains(l.ReportId)).Join(db.Set<ActReport>(), l => l.OtherId, r => r.Id, (l, _) => l.ReportId)
            .GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "act-report", null,
            detail: $"ACT queue {queue}; page {p}; {rows.Count} of {(more ? "more than " : "")}{total} shown: {string.Join(",", ids)}");
        await db.SaveChangesAsync(ct);
        return WorkResult<Paged<ActQueueItem>>.Ok(new Paged<ActQueueItem>([.. rows.Select(r => new ActQueueItem(r.Id, r.Reference, r.ReceivedAt, r.TargetAt,
            r.ImmediateThreat, r.BehaviourText, r.PlaceText, Extract(r.WhatHappened), r.State, r.HeldBy, r.Outcome, related.GetValueOrDefault(r.Id)))], p, size, total, more));
    }

    private static string Extract(string text) => text.Length <= 160 ? text : text[..157] + "...";

    /// <summary>How many of the unit's reports wait, for the home panel, each counted up to one past
    /// <see cref="Paging.CountLimit"/> (the public's reports arrive without end: a count of every one would cost
    /// more each day).</summary>
    public async Task<ActQueueCounts> CountsAsync(CancellationToken ct) => !Triages(access) ? new(0, 0, 0, 0) : new(
        await Paging.CountPastLimitAsync(Queue(ActQueueFilter.New), ct), await Paging.CountPastLimitAsync(Queue(ActQueueFilter.InProgress), ct),
        await Paging.CountPastLimitAsync(Queue(ActQueueFilter.AwaitingReporter), ct), await Paging.CountPastLimitAsync(Queue(ActQueueFilter.Open).Where(r => r.ImmediateThreat), ct));

    /// <summary>A report, read (audited); null when it is missing or hidden (the miss audited alike).</summary>
    public async Task<ActReportDto?> ReadAsync(Guid id, CancellationToken ct)
    {
        var report = await db.FindVisibleAsync<ActReport>(id, "act-report", track: false, ct);
        if (report is null)
        {
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "act-report", id.ToString());
        return await ToDtoAsync(report, ct);
    }

    private async Task<ActReportDto> ToDtoAsync(ActReport report, CancellationToken ct)
    {
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        var contact = await db.Set<ActReporterContact>().AsNoTracking().Where(c => c.ReportId == report.Id).Select(c => new ActContactDto(c.Name, c.Phone, c.Email)).FirstOrDefaultAsync(ct);
        if (contact is not null)
        {
            db.Audit(AuditActions.Read, AuditOutcomes.Success, "act-contact", report.Id.ToString(), detail: "the reporter's contact details of " + report.Reference);
        }
        var attachments = await db.Set<ActAttachment>().AsNoTracking().Where(a => a.ReportId == report.Id).OrderBy(a => a.Id)
            .Select(a => new ActAttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256)).ToListAsync(ct);
        // Related reports are shown only when the reader may see them; hidden ones are neither shown nor counted.
        var related = await db.Set<ActClusterLink>().AsNoTracking().Where(l => l.ReportId == report.Id)
            .Join(db.Set<ActReport>().AsNoTracking(), l => l.OtherId, r => r.Id, (l, r) => new { l.Reason, Report = r })
            .OrderByDescending(x => x.Report.ReceivedAt).Take(50).ToListAsync(ct);
        var sites = await db.Set<ActSiteLink>().AsNoTracking().Where(l => l.ReportId == report.Id).OrderBy(l => l.SiteName)
            .Select(l => new ActNearSiteDto(l.SiteId, l.SiteName, l.EnhancedTier)).ToListAsync(ct);
        var subjectIds = report.Checks.SelectMany(c => Ids(c.Subjects)).Distinct().ToList();
        var names = subjectIds.Count == 0 ? [] : await db.Set<Subject>().AsNoTracking().Where(s => subjectIds.Contains(s.Id))
            .Select(s => new { s.Id, s.GivenName, s.Surname }).ToDictionaryAsync(s => s.Id, s => $"{s.GivenName} {s.Surname}", ct);
        var intelligence = report.IntelligenceReportId is { } ir && await finders.VisibleAsync("intelligence-report", [ir], ct) is [var shownReport, ..] ? shownReport : null;
        var investigation = report.InvestigationId is { } inv && await finders.VisibleAsync("investigation", [inv], ct) is [var shownInvestigation, ..] ? shownInvestigation : null;
        await db.SaveChangesAsync(ct);
        var asker = AskerFor(report);
        return new ActReportDto(report.Id, report.Reference, report.ReceivedAt, report.TargetAt, report.ImmediateThreat, report.BehaviourText, report.WhatHappened,
            report.SeenOn, report.SeenAt, report.Online, report.Postcode, report.Address, report.PlaceDescription, report.OnlineLink,
            [.. report.People.Select(p => new ActPersonRequest(p.Name, p.Description))], [.. report.Vehicles.Select(v => new ActVehicleRequest(v.Registration, v.Make, v.Colour))],
            report.AnythingElse, units.GetValueOrDefault(report.OwningUnitId, "another unit"), report.Force, report.RoutedBecause, report.State, report.HeldBy,
            report.Outcome, report.OutcomeReason, report.OutcomeDetail, report.TriagedAt, report.TriagedBy,
            intelligence ?? (report.IntelligenceReference.Length > 0 ? new RecordRef("intelligence-report", Guid.Empty, report.IntelligenceReference, "") : null),
            investigation ?? (report.OperationName.Length > 0 ? new RecordRef("investigation", Guid.Empty, report.OperationName, "") : null),
            report.PreventReference, report.HasContact, contact, attachments,
            [.. report.Checks.OrderBy(c => c.At).Select(c => new ActCheckDto(c.What, c.CheckReference,
                [.. Ids(c.Subjects).Where(names.ContainsKey).Select(s => new RecordRef("subject", s, names[s], $"/subjects/{s}"))], c.Masked, c.At))],
            [.. related.Select(x => new ActRelatedDto(x.Report.Id, x.Report.Reference, x.Report.ReceivedAt, x.Report.BehaviourText, x.Report.PlaceText, x.Report.Postcode, x.Reason))], sites,
            [.. report.Messages.OrderBy(m => m.At).Select(m => new ActMessageDto(m.At, m.FromReporter, m.By, m.Text))],
            [.. report.Trail.OrderBy(t => t.At).Select(t => new ActTrailDto(t.At, t.By, t.What))],
            StepRule<ActStep>.For(step => report.WhyNot(step, asker)), report.Version);
    }

    private static IEnumerable<Guid> Ids(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse);

    /// <summary>One step on a report: found through the filter (a hidden one answers as missing, audited), the
    /// version the officer read (a stale one is a conflict), the rule, then the work and one save.</summary>
    private async Task<WorkResult<T>> StepAsync<T>(Guid id, ActStep step, Guid? version, Func<ActReport, CancellationToken, Task<WorkResult<T>>> work, CancellationToken ct)
    {
        var report = await db.FindVisibleAsync<ActReport>(id, "act-report", track: true, ct);
        if (report is null)
        {
            return WorkResult<T>.Missing();
        }
        if (report.WhyNot(step, AskerFor(report)) is { } refusal)
        {
            db.Audit(AuditActions.Update, AuditOutcomes.Denied, "act-report", id.ToString(), detail: $"{step}: {refusal.Message}");
            await db.SaveChangesAsync(ct);
            return WorkResult<T>.Refused(refusal);
        }
        if (version is { } read && read != report.Version)
        {
            return WorkResult<T>.Conflict("The report has changed since you opened it: look at it again before you go on.");
        }
        return await work(report, ct);
    }

    private async Task<WorkResult<ActReportDto>> SavedAsync(ActReport report, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WorkResult<ActReportDto>.Conflict("Someone else changed the report at the same moment: look at it again before you go on.");
        }
        return WorkResult<ActReportDto>.Ok(await ToDtoAsync(report, ct));
    }

    /// <summary>Takes the report (nobody else can work it until it is released or done) and, the first time, checks
    /// what it names through deconfliction as this officer.</summary>
    public Task<WorkResult<ActReportDto>> TakeAsync(Guid id, ActVersion request, CancellationToken ct) =>
        StepAsync(id, ActStep.Take, request.Version, async (report, ct) =>
        {
            report.Take(access.UserId!.Value, Me, db.Clock.GetUtcNow());
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", id.ToString(), detail: "taken for triage");
            if (report.Checks.Count == 0)
            {
                await CheckNamedAsync(report, ct);
            }
            return await SavedAsync(report, ct);
        }, ct);

    public Task<WorkResult<ActReportDto>> ReleaseAsync(Guid id, ActVersion request, CancellationToken ct) =>
        StepAsync(id, ActStep.Release, request.Version, async (report, ct) =>
        {
            report.Release(db.Clock.GetUtcNow(), Me);
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", id.ToString(), detail: "released to the queue");
            return await SavedAsync(report, ct);
        }, ct);

    /// <summary>Checks again what the report names (after the reporter added something, say).</summary>
    public Task<WorkResult<ActReportDto>> CheckAsync(Guid id, ActVersion request, CancellationToken ct) =>
        StepAsync(id, ActStep.Check, request.Version, async (report, ct) =>
        {
            report.Checks.Clear();
            await CheckNamedAsync(report, ct);
            return await SavedAsync(report, ct);
        }, ct);

    /// <summary>Runs the deconfliction check for each person, vehicle and place the report names. A check that cannot
    /// run (the officer's hourly limit, say) is recorded with the reason, to be run again.</summary>
    private async Task CheckNamedAsync(ActReport report, CancellationToken ct)
    {
        var purpose = $"ACT report {report.Reference}: triage";
        var asks = new List<(string What, DeconflictionRequest Request)>();
        foreach (var person in report.People.Where(p => p.Name.Trim().Contains(' ', StringComparison.Ordinal)))
        {
            var name = person.Name.Trim();
            var split = name.LastIndexOf(' ');
            asks.Add(($"person {name}", new DeconflictionRequest { Purpose = purpose, Person = new PersonQuery(name[..split].Trim(), name[(split + 1)..]) }));
        }
        foreach (var vehicle in report.Vehicles.Where(v => v.Registration.Length > 0))
        {
            asks.Add(($"vehicle {vehicle.Registration}", new DeconflictionRequest { Purpose = purpose, Vehicle = vehicle.Registration }));
        }
        if (report.Postcode.Length > 0)
        {
            asks.Add(($"place {report.Postcode}", new DeconflictionRequest { Purpose = purpose, Postcode = report.Postcode }));
        }
        var now = db.Clock.GetUtcNow();
        foreach (var (what, request) in asks.Take(10))
        {
            var result = await deconfliction.CheckAsync(request, ct);
            if (result.Value is not { } found)
            {
                report.Checks.Add(new ActCheck { What = what, Masked = Bound($"The check could not run: {string.Join(" ", result.Messages.Concat(result.Errors.SelectMany(e => e.Value)))} Check again later.", 2000), At = now });
                continue;
            }
            var visible = found.Hits.Where(h => h.Visible && h.Subject is not null && h.Band != MatchBand.PossibleRelative).Select(h => h.Subject!.Id).Distinct().Take(20);
            var masked = found.Hits.Where(h => !h.Visible)
                .Select(h => $"A {h.BandText} on the {h.MatchedOn} held by {h.OwningUnit}{(h.Contact is { Length: > 0 } c ? $" (contact {c})" : "")}{(h.KnownTo.Count > 0 ? ": " + string.Join(", ", h.KnownTo) : "")}");
            report.Checks.Add(new ActCheck
            {
                What = what, CheckReference = found.Reference, Subjects = string.Join(",", visible), At = now,
                Masked = Bound(string.Join(". ", masked), 2000),
            });
        }
        report.Note(now, Me, asks.Count == 0 ? "Nothing the report names can be checked (no full names, registrations or postcode)" : $"Checked {ActText.Plural(asks.Count, "thing", "things")} the report names through deconfliction");
        report.Touch();
    }

    private static string Bound(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";

    public Task<WorkResult<ActReportDto>> AskAsync(Guid id, AskReporter request, CancellationToken ct) =>
        StepAsync(id, ActStep.Ask, request.Version, async (report, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (errors.Count > 0)
            {
                return WorkResult<ActReportDto>.Invalid(errors);
            }
            report.Ask(request.Question!.Trim(), db.Clock.GetUtcNow(), Me);
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", id.ToString(), detail: "asked the reporter a question");
            return await SavedAsync(report, ct);
        }, ct);

    /// <summary>Sends the report to another unit's queue, with the reason; its contact details go with it, to that unit's contact group.</summary>
    public Task<WorkResult<ActReportDto>> RerouteAsync(Guid id, RerouteReport request, CancellationToken ct) =>
        StepAsync(id, ActStep.Reroute, request.Version, async (report, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            var unit = (await directory.UnitsAsync(ct)).FirstOrDefault(u => u.Code == request.Unit && ActReferenceData.IsQueue(u.Code));
            if (request.Unit is not null && unit is null)
            {
                ApiValidation.Add(errors, nameof(RerouteReport.Unit), "Choose a regional unit or the national queue from the list");
            }
            else if (unit?.Id == report.OwningUnitId)
            {
                ApiValidation.Add(errors, nameof(RerouteReport.Unit), "The report is already in that unit's queue");
            }
            if (errors.Count > 0)
            {
                return WorkResult<ActReportDto>.Invalid(errors);
            }
            report.Reroute(unit!.Id, unit.Name, request.Reason!.Trim(), db.Clock.GetUtcNow(), Me);
            var contact = await db.Set<ActReporterContact>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.ReportId == report.Id, ct);
            if (contact is not null)
            {
                var group = await ReportingModule.ContactGroup.FindAsync(db, unit.Id, ct)
                    ?? throw new InvalidOperationException($"{unit.Name} has no ACT contact details group.");
                contact.OwningUnitId = unit.Id;
                contact.NeedToKnow.Clear();
                contact.NeedToKnow.Add(new RecordGroup { GroupId = group });
            }
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", id.ToString(), detail: $"re-routed to {unit.Name}: {request.Reason!.Trim()}");
            return await SavedAsync(report, ct);
        }, ct);

    /// <summary>No further action, or a referral to local policing (the force named).</summary>
    public Task<WorkResult<ActReportDto>> CloseAsync(Guid id, CloseReport request, CancellationToken ct) =>
        StepAsync(id, ActStep.Close, request.Version, async (report, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (request.Outcome is { } outcome && outcome is not (ActOutcome.NoFurtherAction or ActOutcome.LocalPolicing))
            {
                ApiValidation.Add(errors, nameof(CloseReport.Outcome), "Choose no further action or local policing here; the other outcomes have their own forms");
            }
            if (request.Outcome == ActOutcome.LocalPolicing && !ActReferenceData.Forces.Contains(request.Force?.Trim()))
            {
                ApiValidation.Add(errors, nameof(CloseReport.Force), "Choose the force the report goes to");
            }
            if (errors.Count > 0)
            {
                return WorkResult<ActReportDto>.Invalid(errors);
            }
            report.Decide(request.Outcome!.Value, request.Reason!.Trim(), request.Outcome == ActOutcome.LocalPolicing ? request.Force!.Trim() : "", db.Clock.GetUtcNow(), Me);
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", id.ToString(), detail: $"outcome {request.Outcome}");
            return await SavedAsync(report, ct);
        }, ct);

    /// <summary>Links the report (and the intelligence report made from it, if any) to an investigation the officer may
    /// see; its SIO is told. The report then appears in the investigation's sequence of events and its case file.</summary>
    public Task<WorkResult<ActReportDto>> LinkInvestigationAsync(Guid id, LinkToInvestigation request, CancellationToken ct) =>
        StepAsync(id, ActStep.LinkInvestigation, request.Version, async (report, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (errors.Count > 0)
            {
                return WorkResult<ActReportDto>.Invalid(errors);
            }
            var found = finders.FirstOrDefault(f => f.Type == "investigation") is { } finder ? await finder.FindByNameAsync(request.OperationName!.Trim(), ct) : null;
            if (found is null)
            {
                await db.SaveChangesAsync(ct);
                return WorkResult<ActReportDto>.Invalid(nameof(LinkToInvestigation.OperationName), "There is no investigation by that name that you may see");
            }
            await using var transaction = await db.BeginWriteAsync(ct);
            (report.InvestigationId, report.OperationName) = (found.Id, found.Title);
            if (report.IntelligenceReportId is { } ir)
            {
                // The intelligence report made from it joins the investigation too (unless it already has).
                var linked = await intelligence.LinkInvestigationAsync(ir, new Intelligence.LinkInvestigation(found.Id, null), ct);
                if (linked.Status is not (WorkStatus.Done or WorkStatus.Invalid))
                {
                    return WorkResult<ActReportDto>.Refused(new Refusal(linked.Status, string.Join(" ", linked.Messages)));
                }
            }
            if (report.State == ActState.Done)
            {
                report.Note(db.Clock.GetUtcNow(), Me, $"Linked to {found.Title} with intelligence report {report.IntelligenceReference}: {request.Reason!.Trim()}");
                report.Touch();
            }
            else
            {
                report.Decide(ActOutcome.Investigation, request.Reason!.Trim(), found.Title, db.Clock.GetUtcNow(), Me);
            }
            if (finders.FirstOrDefault(f => f.Type == "investigation") is IRecordHolderNotice holders)
            {
                await holders.TellHolderAsync(found.Id, $"ACT report {report.Reference} linked to {found.Title}",
                    $"{Me} linked ACT report {report.Reference} ({report.BehaviourText}) to {found.Title}: {request.Reason!.Trim()}", "act-report", report.Id.ToString(), ct);
            }
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", id.ToString(), detail: $"linked to {found.Title}");
            var saved = await SavedAsync(report, ct);
            if (saved.Status == WorkStatus.Done)
            {
                await transaction.CommitAsync(ct);
            }
            return saved;
        }, ct);
}
