using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Retention;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Retention;

/// <summary>Who reviews: a unit's records review officer (the unit's records they may see); who reads the tombstones:
/// they and the auditors.</summary>
public static class RetentionRoles
{
    public static bool Reviews(AccessContext access) => access.UnitId is not null && access.PartnerAgencyId is null && access.IsInRole(Roles.RecordsReviewer);

    public static bool ReadsDisposals(AccessContext access) => Reviews(access) || access.IsInRole(Roles.Auditor);

    public static bool ReadsPolicy(AccessContext access) => ReadsDisposals(access) || access.IsInRole(Roles.Administrator);
}

public sealed record QueueItem(string RecordType, string TypeName, Guid RecordId, string Title, DateOnly From, string Event, DateOnly Due, Classification Classification, bool Retained);

public sealed record AwaitingItem(Guid ReviewId, string RecordType, string TypeName, Guid RecordId, string Title, string ProposedBy, DateTimeOffset ProposedAt, bool ByYou);

public sealed record PastReview(DateTimeOffset At, string By, RetentionDecision Decision, ReviewState State, string Reason, string YesTo, DateOnly? NextReview, string? SecondBy, string SecondReason);

public sealed record ReviewView(
    string RecordType, string TypeName, Guid RecordId, string Title, string Href, Classification Classification,
    GroupDto Group, string Event, DateOnly From, DateOnly Due, bool IsDue, DateOnly SuggestedNext,
    bool Disposable, bool TwoPersons, IReadOnlyList<DisposalStep> Plan, AwaitingItem? Awaiting,
    IReadOnlyList<PastReview> History, IReadOnlyList<QuestionDto> Questions)
{
    public bool Blocked => Plan.Any(s => s.Blocks);
}

public sealed record ReviewDecision
{
    [Required(ErrorMessage = "Choose whether to retain or dispose of the record"), EnumDataType(typeof(RetentionDecision), ErrorMessage = "Choose whether to retain or dispose of the record")]
    public RetentionDecision? Decision { get; init; }

    /// <summary>Why the record is kept (required to retain): what the inspectorate reads at the next review.</summary>
    [StringLength(2000, ErrorMessage = "The reason must be 2,000 characters or fewer")]
    public string? Reason { get; init; }

    /// <summary>The national retention assessment criteria answered "yes", by number.</summary>
    public IReadOnlyList<int>? YesTo { get; init; }

    /// <summary>When it is next reviewed (to retain): after today, at most the group's interval away.</summary>
    public DateOnly? NextReview { get; init; }
}

public sealed record DeclineDisposal
{
    [Required(ErrorMessage = "Enter why you do not confirm the disposal"), StringLength(2000, MinimumLength = 1, ErrorMessage = "Enter why you do not confirm the disposal (2,000 characters or fewer)")]
    public string? Reason { get; init; }
}

public sealed record ReviewOutcome(Guid ReviewId, string RecordType, Guid RecordId, RetentionDecision Decision, ReviewState State, DateOnly? NextReview, Guid? TombstoneId);

public sealed record TombstoneDto(Guid Id, string RecordType, string TypeName, Guid RecordId, string Unit, Classification Classification, DateOnly DisposedOn,
    DateOnly HeldFrom, string ReviewerName, string? SecondReviewerName, string GroupCode, string Policy, Guid ReviewId);

public sealed record DisposalCount(string Month, string TypeName, int Count);

/// <summary>
/// Review, retention and disposal: the unit's queue of records due, a record's review (its policy, the plan of its
/// disposal across the modules with anything blocking it, its past reviews), the decision, the second reviewer's
/// confirmation of a SECRET disposal, and the tombstones. A record the reviewer may not see, or of another unit,
/// answers exactly as a missing one, and the miss is audited.
/// </summary>
public sealed class RetentionWork(VigilDb db, AccessContext access, IEnumerable<IDisposalPart> parts, IOrganisationDirectory directory)
{
    private DateOnly Today => DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);

    private IQueryable<RetentionEntry> Mine()
    {
        var unit = access.UnitId;
        var readable = AccessPolicy.ReadableLabels(db);
        return db.Set<RetentionEntry>().Where(e => e.UnitId == unit && readable.Contains(e.AccessLabelId));
    }

    /// <summary>Due on or before <paramref name="today"/>: retained until then, or never reviewed and past the first
    /// review of its type's group.</summary>
    private static Expression<Func<RetentionEntry, bool>> DueBy(DateOnly today, IReadOnlyDictionary<string, RetentionGroup> groupOf)
    {
        var entry = Expression.Parameter(typeof(RetentionEntry), "e");
        Expression next = Expression.Property(entry, nameof(RetentionEntry.NextReview));
        Expression due = Expression.AndAlso(Expression.NotEqual(next, Expression.Constant(null, typeof(DateOnly?))),
            Expression.LessThanOrEqual(next, Expression.Constant(today, typeof(DateOnly?))));
        Expression never = Expression.Constant(false);
        foreach (var (type, group) in groupOf)
        {
            never = Expression.OrElse(never, Expression.AndAlso(
                Expression.Equal(Expression.Property(entry, nameof(RetentionEntry.RecordType)), Expression.Constant(type)),
                Expression.LessThanOrEqual(Expression.Property(entry, nameof(RetentionEntry.From)), Expression.Constant(today.AddYears(-group.ReviewAfterYears)))));
        }
        due = Expression.OrElse(due, Expression.AndAlso(Expression.Equal(next, Expression.Constant(null, typeof(DateOnly?))), never));
        return Expression.Lambda<Func<RetentionEntry, bool>>(due, entry);
    }

    private async Task<(Dictionary<string, RetentionGroup> GroupOf, Dictionary<string, string> TypeNames)> PolicyAsync(CancellationToken ct)
    {
        var groups = await db.Set<RetentionGroup>().AsNoTracking().ToDictionaryAsync(g => g.Code, ct);
        var types = await db.Set<RetentionRecordType>().AsNoTracking().ToListAsync(ct);
        return (types.Where(t => groups.ContainsKey(t.GroupCode)).ToDictionary(t => t.RecordType, t => groups[t.GroupCode]), types.ToDictionary(t => t.RecordType, t => t.Name));
    }

    public async Task<WorkResult<Paged<QueueItem>>> QueueAsync(string? type, int? page, int? pageSize, CancellationToken ct)
    {
        if (!RetentionRoles.Reviews(access))
        {
            return await RefuseAsync<Paged<QueueItem>>("Records are reviewed by a unit's records review officers", null, ct);
        }
        var (groupOf, names) = await PolicyAsync(ct);
        if (type is not null && !names.ContainsKey(type))
        {
            return WorkResult<Paged<QueueItem>>.Invalid("type", $"Choose one of: {string.Join(", ", names.Keys.Order(StringComparer.Ordinal))}");
        }
        var (p, size) = (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? Paging.DefaultPageSize, 1, Paging.MaxPageSize));
        var today = Today;
        var due = Mine().Where(DueBy(today, groupOf));
        if (type is not null)
        {
            due = due.Where(e => e.RecordType == type);
        }
        var total = await due.CountAsync(ct);
        var rows = await due.OrderBy(e => e.NextReview ?? e.From).ThenBy(e => e.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var titles = await TitlesAsync(rows.Select(r => (r.RecordType, r.RecordId)).ToList(), ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "retention-review", null,
            detail: string.Create(CultureInfo.InvariantCulture, $"review queue{(type is null ? "" : " " + type)}; page {p}; {rows.Count} of {total}: {string.Join(",", rows.Select(r => r.RecordType + ":" + r.RecordId))}"));
        await db.SaveChangesAsync(ct);
        return WorkResult<Paged<QueueItem>>.Ok(new([.. rows.Select(r => new QueueItem(r.RecordType, names.GetValueOrDefault(r.RecordType, r.RecordType), r.RecordId,
            titles.GetValueOrDefault((r.RecordType, r.RecordId), "(untitled)"), r.From, r.Event, r.NextReview ?? groupOf[r.RecordType].FirstReview(r.From), r.Classification, r.NextReview is not null))], p, size, total));
    }

    /// <summary>Disposals of the reviewer's unit waiting for a second reviewer.</summary>
    public async Task<IReadOnlyList<AwaitingItem>> AwaitingAsync(CancellationToken ct)
    {
        if (!RetentionRoles.Reviews(access))
        {
            return [];
        }
        var unit = access.UnitId;
        var readable = AccessPolicy.ReadableLabels(db);
        var pending = await db.Set<RetentionReview>().AsNoTracking().Where(r => r.UnitId == unit && r.State == ReviewState.AwaitingSecond
                && db.Set<RetentionEntry>().Any(e => e.RecordId == r.RecordId && e.RecordType == r.RecordType && readable.Contains(e.AccessLabelId)))
            .OrderBy(r => r.ReviewedAt).Take(100).ToListAsync(ct);
        var (_, names) = await PolicyAsync(ct);
        var titles = await TitlesAsync(pending.Select(r => (r.RecordType, r.RecordId)).ToList(), ct);
        return [.. pending.Select(r => Awaiting(r, names, titles))];
    }

    private AwaitingItem Awaiting(RetentionReview r, Dictionary<string, string> names, Dictionary<(string, Guid), string> titles) =>
        new(r.Id, r.RecordType, names.GetValueOrDefault(r.RecordType, r.RecordType), r.RecordId, titles.GetValueOrDefault((r.RecordType, r.RecordId), "(untitled)"), r.ReviewerName, r.ReviewedAt, r.ReviewerId == access.UserId);

    // A record's title and page, from its search entry (the same label decided that the reviewer may see it).
    private async Task<Dictionary<(string, Guid), string>> TitlesAsync(List<(string Type, Guid Id)> records, CancellationToken ct)
    {
        var ids = records.Select(r => r.Id).ToList();
        return ids.Count == 0 ? [] : (await db.Set<SearchEntry>().AsNoTracking().Where(s => ids.Contains(s.RecordId)).Select(s => new { s.RecordType, s.RecordId, s.Title }).ToListAsync(ct))
            .ToDictionary(s => (s.RecordType, s.RecordId), s => s.Title);
    }

    public async Task<ReviewView?> ReadAsync(string type, Guid id, CancellationToken ct)
    {
        var entry = await VisibleAsync(type, id, ct);
        if (entry is null)
        {
            return null;
        }
        var view = await ViewAsync(entry, ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, type, id.ToString(), purpose: "retention review", detail: $"review; due {view.Due:yyyy-MM-dd}; {view.Plan.Count(s => s.Blocks)} blocking");
        await db.SaveChangesAsync(ct);
        return view;
    }

    private async Task<RetentionEntry?> VisibleAsync(string type, Guid id, CancellationToken ct)
    {
        // The types are the policy's (public reference data): anything else is a page that does not exist, audited
        // under the review's own type (the value given may be anything, of any length).
        if (type.Length > 64 || !await db.Set<RetentionRecordType>().AnyAsync(t => t.RecordType == type, ct))
        {
            db.ChangeTracker.Clear();
            db.Audit(AuditActions.NotFound, AuditOutcomes.Failure, "retention-review", id.ToString(), detail: "retention review: no such type of record");
            await db.SaveChangesAsync(ct);
            return null;
        }
        var entry = RetentionRoles.Reviews(access) ? await Mine().AsNoTracking().FirstOrDefaultAsync(e => e.RecordType == type && e.RecordId == id, ct) : null;
        if (entry is null)
        {
            await db.RecordMissAsync<RetentionEntry>(e => e.RecordType == type && e.RecordId == id, type, id.ToString(), detail: "retention review", ct: ct);
        }
        return entry;
    }

    private async Task<ReviewView> ViewAsync(RetentionEntry entry, CancellationToken ct)
    {
        var (groupOf, names) = await PolicyAsync(ct);
        var group = groupOf.GetValueOrDefault(entry.RecordType) ?? throw new InvalidOperationException($"No retention group for {entry.RecordType}");
        var title = (await db.Set<SearchEntry>().AsNoTracking().Where(s => s.RecordType == entry.RecordType && s.RecordId == entry.RecordId)
            .Select(s => new { s.Title, s.Href }).FirstOrDefaultAsync(ct)) ?? new { Title = "(untitled)", Href = "" };
        var due = entry.NextReview ?? group.FirstReview(entry.From);
        var involved = parts.Where(p => p.TakesPart(entry.RecordType)).ToList();
        var disposable = involved.Any(p => p.RemovesRecord(entry.RecordType));
        var plan = disposable ? await involved.PlanAsync(entry.RecordType, entry.RecordId, ct) : [];
        var history = await db.Set<RetentionReview>().AsNoTracking().Where(r => r.RecordId == entry.RecordId && r.RecordType == entry.RecordType)
            .OrderByDescending(r => r.ReviewedAt).ToListAsync(ct);
        var awaiting = history.FirstOrDefault(r => r.State == ReviewState.AwaitingSecond);
        var questions = await db.Set<RetentionQuestion>().AsNoTracking().OrderBy(q => q.Number).Select(q => new QuestionDto(q.Number, q.Text)).ToListAsync(ct);
        return new(entry.RecordType, names.GetValueOrDefault(entry.RecordType, entry.RecordType), entry.RecordId, title.Title, title.Href, entry.Classification,
            new(group.Code, group.Name, group.Description, group.ReviewAfterYears, group.ReviewEveryYears), entry.Event, entry.From, due, due <= Today,
            Today.AddYears(group.ReviewEveryYears), disposable, TwoPersons(entry.Classification), plan,
            awaiting is null ? null : Awaiting(awaiting, names, new() { [(entry.RecordType, entry.RecordId)] = title.Title }),
            [.. history.Select(r => new PastReview(r.ReviewedAt, r.ReviewerName, r.Decision, r.State, r.Reason, r.YesTo, r.NextReview, r.SecondReviewerName, r.SecondReason))], questions);
    }

    /// <summary>The two-person rule: a SECRET (or higher) record is disposed of only when a second reviewer confirms.</summary>
    public static bool TwoPersons(Classification classification) => classification >= Classification.Secret;

    public async Task<WorkResult<ReviewOutcome>> DecideAsync(string type, Guid id, ReviewDecision request, CancellationToken ct)
    {
        var entry = await VisibleAsync(type, id, ct);
        if (entry is null)
        {
            return WorkResult<ReviewOutcome>.Missing();
        }
        var view = await ViewAsync(entry, ct);
        var errors = ApiValidation.Validate(request);
        var yes = (request.YesTo ?? []).Distinct().Order().ToList();
        if (yes.Any(n => view.Questions.All(q => q.Number != n)))
        {
            ApiValidation.Add(errors, nameof(request.YesTo), $"Answer the criteria by their numbers, 1 to {view.Questions.Count}");
        }
        if (request.Decision == RetentionDecision.Retain)
        {
            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                ApiValidation.Add(errors, nameof(request.Reason), "Enter why the record is retained");
            }
            if (request.NextReview is not { } next)
            {
                ApiValidation.Add(errors, nameof(request.NextReview), "Enter the date of the next review");
            }
            else if (next <= Today || next > Today.AddYears(view.Group.ReviewEveryYears))
            {
                ApiValidation.Add(errors, nameof(request.NextReview), $"The next review must be after today and no later than {FormDate(Today.AddYears(view.Group.ReviewEveryYears))} ({view.Group.ReviewEveryYears} years, the group's interval)");
            }
        }
        else if (request.Decision == RetentionDecision.Dispose)
        {
            if (!view.Disposable)
            {
                ApiValidation.Add(errors, nameof(request.Decision), $"{view.TypeName} cannot be disposed of in Vigil yet: retain it with the reason");
            }
            else if (yes.Count > 0)
            {
                ApiValidation.Add(errors, nameof(request.YesTo), "A \"yes\" to a retention criterion is a reason to retain: retain the record, or answer again");
            }
        }
        if (errors.Count > 0)
        {
            return WorkResult<ReviewOutcome>.Invalid(errors);
        }
        if (view.Awaiting is not null)
        {
            return WorkResult<ReviewOutcome>.Conflict($"A disposal of this record proposed by {view.Awaiting.ProposedBy} is waiting for a second reviewer: confirm or decline it first");
        }
        var now = AuditChain.Normalise(db.Clock.GetUtcNow());
        var review = new RetentionReview
        {
            RecordType = type, RecordId = id, UnitId = entry.UnitId, Classification = entry.Classification, GroupCode = view.Group.Code, Decision = request.Decision!.Value,
            YesTo = string.Join(",", yes), ReviewedAt = now, ReviewerId = access.UserId!.Value, ReviewerName = access.DisplayName ?? access.UserName ?? "",
        };
        if (request.Decision == RetentionDecision.Retain)
        {
            (review.Reason, review.NextReview, review.State) = (request.Reason!.Trim(), request.NextReview, ReviewState.Done);
            (await db.Set<RetentionEntry>().FirstAsync(e => e.Id == entry.Id, ct)).NextReview = request.NextReview;
            db.Add(review);
            db.Audit(AuditActions.Retained, AuditOutcomes.Success, type, id.ToString(), detail: $"retention review {review.Id}; {view.Group.Code}; criteria answered yes: {(yes.Count == 0 ? "none" : review.YesTo)}; next review {request.NextReview:yyyy-MM-dd}");
            await db.SaveChangesAsync(ct);
            return WorkResult<ReviewOutcome>.Ok(new(review.Id, type, id, RetentionDecision.Retain, ReviewState.Done, request.NextReview, null));
        }
        if (view.Blocked)
        {
            return WorkResult<ReviewOutcome>.Conflict("It cannot be disposed of yet: " + string.Join("; ", view.Plan.Where(s => s.Blocks).Select(s => $"{s.Module}: {s.Words}")));
        }
        if (view.TwoPersons)
        {
            review.State = ReviewState.AwaitingSecond;
            db.Add(review);
            db.Audit(AuditActions.DisposalProposed, AuditOutcomes.Success, type, id.ToString(), detail: $"retention review {review.Id}; {view.Group.Code}; {entry.Classification}: waiting for a second reviewer");
            await db.SaveChangesAsync(ct);
            return WorkResult<ReviewOutcome>.Ok(new(review.Id, type, id, RetentionDecision.Dispose, ReviewState.AwaitingSecond, null, null));
        }
        review.State = ReviewState.Done;
        db.Add(review);
        var (tombstone, refused) = await DisposeAsync(entry, review, view, ct);
        return tombstone is null ? WorkResult<ReviewOutcome>.Conflict(refused!)
            : WorkResult<ReviewOutcome>.Ok(new(review.Id, type, id, RetentionDecision.Dispose, ReviewState.Done, null, tombstone));
    }

    /// <summary>The second reviewer confirms a SECRET disposal: another records review officer of the unit who may see
    /// the record. The plan is made again (something may have come to block it since).</summary>
    public async Task<WorkResult<ReviewOutcome>> ConfirmAsync(Guid reviewId, CancellationToken ct)
    {
        var (review, entry) = await PendingAsync(reviewId, ct);
        if (review is null || entry is null)
        {
            return WorkResult<ReviewOutcome>.Missing();
        }
        if (review.ReviewerId == access.UserId)
        {
            return WorkResult<ReviewOutcome>.Forbidden("A second reviewer confirms the disposal: not the one who proposed it");
        }
        var view = await ViewAsync(entry, ct);
        if (view.Blocked)
        {
            return WorkResult<ReviewOutcome>.Conflict("It cannot be disposed of now: " + string.Join("; ", view.Plan.Where(s => s.Blocks).Select(s => $"{s.Module}: {s.Words}")));
        }
        (review.SecondReviewerId, review.SecondReviewerName, review.SecondAt, review.State) =
            (access.UserId, access.DisplayName ?? access.UserName, AuditChain.Normalise(db.Clock.GetUtcNow()), ReviewState.Done);
        var (tombstone, refused) = await DisposeAsync(entry, review, view, ct);
        return tombstone is null ? WorkResult<ReviewOutcome>.Conflict(refused!)
            : WorkResult<ReviewOutcome>.Ok(new(review.Id, review.RecordType, review.RecordId, RetentionDecision.Dispose, ReviewState.Done, null, tombstone));
    }

    public async Task<WorkResult<ReviewOutcome>> DeclineAsync(Guid reviewId, DeclineDisposal request, CancellationToken ct)
    {
        var (review, entry) = await PendingAsync(reviewId, ct);
        if (review is null || entry is null)
        {
            return WorkResult<ReviewOutcome>.Missing();
        }
        if (review.ReviewerId == access.UserId)
        {
            return WorkResult<ReviewOutcome>.Forbidden("A second reviewer decides on the disposal: not the one who proposed it");
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<ReviewOutcome>.Invalid(errors);
        }
        (review.SecondReviewerId, review.SecondReviewerName, review.SecondAt, review.SecondReason, review.State) =
            (access.UserId, access.DisplayName ?? access.UserName, AuditChain.Normalise(db.Clock.GetUtcNow()), request.Reason!.Trim(), ReviewState.Declined);
        db.Audit(AuditActions.DisposalDeclined, AuditOutcomes.Success, review.RecordType, review.RecordId.ToString(), detail: $"retention review {review.Id}: the second reviewer did not confirm");
        await db.SaveChangesAsync(ct);
        return WorkResult<ReviewOutcome>.Ok(new(review.Id, review.RecordType, review.RecordId, RetentionDecision.Dispose, ReviewState.Declined, null, null));
    }

    private async Task<(RetentionReview?, RetentionEntry?)> PendingAsync(Guid reviewId, CancellationToken ct)
    {
        var review = RetentionRoles.Reviews(access)
            ? await db.Set<RetentionReview>().FirstOrDefaultAsync(r => r.Id == reviewId && r.State == ReviewState.AwaitingSecond && r.UnitId == access.UnitId, ct)
            : null;
        var entry = review is null ? null : await Mine().AsNoTracking().FirstOrDefaultAsync(e => e.RecordType == review.RecordType && e.RecordId == review.RecordId, ct);
        if (entry is null)
        {
            await db.RecordMissAsync<RetentionReview>(r => r.Id == reviewId, "retention-review", reviewId.ToString(), detail: "second review", ct: ct);
            return (null, null);
        }
        return (review, entry);
    }

    /// <summary>The disposal itself, in one transaction: every module removes its part (the owner the record, with its
    /// search entry, retention entry and change-sequence row in the save), the reasons of earlier reviews go, and the
    /// tombstone and the audit entry are written.</summary>
    private async Task<(Guid? Tombstone, string? Refused)> DisposeAsync(RetentionEntry entry, RetentionReview review, ReviewView view, CancellationToken ct)
    {
        await using var transaction = await db.BeginWriteAsync(ct);
        // Checked again inside the transaction: the plan the reviewer read was made before it, and since then the record
        // may have gone (another reviewer disposed of it), been classified SECRET, or come to be blocked (linked to a live
        // investigation).
        // (Through the same filter as the review: a record the reviewer may no longer see answers as one that is gone.)
        var current = await Mine().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entry.Id, ct);
        var blocking = current is null ? [] : (await parts.Where(p => p.TakesPart(entry.RecordType)).PlanAsync(entry.RecordType, entry.RecordId, ct)).Where(s => s.Blocks).ToList();
        var refused = current is null ? "The record has been disposed of or removed since the review began"
            : TwoPersons(current.Classification) && review.SecondReviewerId is null ? "The record has been classified SECRET since the review began: a second reviewer must confirm its disposal"
            : blocking.Count > 0 ? "It cannot be disposed of now: " + string.Join("; ", blocking.Select(s => $"{s.Module}: {s.Words}"))
            : null;
        if (refused is not null)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            db.Audit(AuditActions.Refused, AuditOutcomes.Failure, entry.RecordType, entry.RecordId.ToString(), detail: $"retention review: disposal refused at the last check: {refused}");
            await db.SaveChangesAsync(ct);
            return (null, refused);
        }
        foreach (var part in parts.Where(p => p.TakesPart(entry.RecordType)))
        {
            await part.RemoveAsync(entry.RecordType, entry.RecordId, ct);
        }
        foreach (var earlier in await db.Set<RetentionReview>().Where(r => r.RecordId == entry.RecordId && r.RecordType == entry.RecordType && r.Id != review.Id).ToListAsync(ct))
        {
            earlier.Reason = earlier.Reason.Length > 0 ? RetentionReview.ReasonRemoved : "";
            earlier.SecondReason = earlier.SecondReason.Length > 0 ? RetentionReview.ReasonRemoved : "";
        }
        var now = AuditChain.Normalise(db.Clock.GetUtcNow());
        var tombstone = new DisposalTombstone
        {
            RecordType = entry.RecordType, RecordId = entry.RecordId, UnitId = entry.UnitId, Classification = entry.Classification, DisposedOn = DateOnly.FromDateTime(now.UtcDateTime),
            DisposedAt = now, HeldFrom = entry.From, ReviewId = review.Id, ReviewerName = review.ReviewerName, SecondReviewerName = review.SecondReviewerName,
            GroupCode = view.Group.Code, Policy = $"{view.Group.Name}: first review {view.Group.ReviewAfterYears} years after its event, then every {view.Group.ReviewEveryYears} years",
        };
        db.Add(tombstone);
        db.Audit(AuditActions.Disposed, AuditOutcomes.Success, entry.RecordType, entry.RecordId.ToString(),
            detail: $"tombstone {tombstone.Id}; retention review {review.Id}; {view.Group.Code}; by {review.ReviewerName}{(review.SecondReviewerName is { } second ? " and " + second : "")}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var part in parts.Where(p => p.TakesPart(entry.RecordType)))
        {
            part.AfterCommit();
        }
        return (tombstone.Id, null);
    }

    public async Task<WorkResult<Paged<TombstoneDto>>> TombstonesAsync(string? type, int? page, int? pageSize, CancellationToken ct)
    {
        if (!RetentionRoles.ReadsDisposals(access))
        {
            return await RefuseAsync<Paged<TombstoneDto>>("Disposals are read by records review officers and auditors", null, ct);
        }
        var (p, size) = (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? Paging.DefaultPageSize, 1, Paging.MaxPageSize));
        var query = db.Set<DisposalTombstone>().AsNoTracking();
        if (!access.IsInRole(Roles.Auditor))
        {
            var unit = access.UnitId;
            query = query.Where(t => t.UnitId == unit);
        }
        if (type is not null)
        {
            query = query.Where(t => t.RecordType == type);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(t => t.DisposedAt).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var (_, names) = await PolicyAsync(ct);
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "disposal", null, detail: $"tombstones{(type is null ? "" : " " + type)}; page {p}; {rows.Count} of {total}");
        await db.SaveChangesAsync(ct);
        return WorkResult<Paged<TombstoneDto>>.Ok(new([.. rows.Select(t => new TombstoneDto(t.Id, t.RecordType, names.GetValueOrDefault(t.RecordType, t.RecordType), t.RecordId,
            units.GetValueOrDefault(t.UnitId, "another unit"), t.Classification, t.DisposedOn, t.HeldFrom, t.ReviewerName, t.SecondReviewerName, t.GroupCode, t.Policy, t.ReviewId))], p, size, total));
    }

    private async Task<WorkResult<T>> RefuseAsync<T>(string why, string? recordId, CancellationToken ct)
    {
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "retention-review", recordId, detail: why);
        await db.SaveChangesAsync(ct);
        return WorkResult<T>.Forbidden(why);
    }

    private static string FormDate(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
