using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects;

public sealed record AddWarningMarker(WarningKind? Kind, [property: StringLength(1000, ErrorMessage = "Notes must be 1000 characters or fewer")] string? Notes);

public sealed record SetTier([property: Required(ErrorMessage = "Choose a tier")] string? Tier, string? OwnerEmail, DateOnly? ReviewDue);

public sealed record MergeRequest(Guid Duplicate, [property: Required(ErrorMessage = "Say why these records are the same person"), StringLength(1000)] string? Purpose);

public sealed record ReviewDueItem(Guid Id, string GivenName, string Surname, string Tier, string? Owner, DateOnly ReviewDue, bool Overdue);

/// <summary>Warning markers, subject-of-interest tiering with reviews, and merging two records that
/// prove to be one person (and undoing it). Every step needs write access to every record it touches.</summary>
public sealed class SubjectCasework(VigilDb db, AccessContext access)
{

    private async Task<Subject?> WritableAsync(Guid id, CancellationToken ct)
    {
        var subject = await db.Set<Subject>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subject is not null && AccessPolicy.CanWrite(access, ProtectiveLabel.Of(subject), Roles.SubjectWriters))
        {
            return subject;
        }
        // Seen but not writable is refused like hidden; hidden and missing do the same work.
        await db.RecordMissAsync<Subject>(s => s.Id == id, "subject", id.ToString(), ct: ct);
        return null;
    }

    public async Task<WorkResult<Guid>> AddWarningAsync(Guid id, AddWarningMarker request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        if (request.Kind is null)
        {
            ApiValidation.Add(errors, nameof(AddWarningMarker.Kind), "Choose the kind of warning");
        }
        var subject = await WritableAsync(id, ct);
        if (subject is null)
        {
            return WorkResult<Guid>.Missing();
        }
        if (errors.Count > 0)
        {
            return WorkResult<Guid>.Invalid(errors);
        }
        subject.WarningMarkers.Add(new WarningMarker { Kind = request.Kind!.Value, Notes = request.Notes?.Trim() ?? "", AddedAt = db.Clock.GetUtcNow(), AddedBy = access.UserName ?? "" });
        subject.Touch(db.Clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return WorkResult<Guid>.Ok(id);
    }

    public async Task<WorkResult<Guid>> SetTierAsync(Guid id, SetTier request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        var subject = await WritableAsync(id, ct);
        if (subject is null)
        {
            return WorkResult<Guid>.Missing();
        }
        var tier = await db.Set<SubjectTier>().FirstOrDefaultAsync(t => t.Code == request.Tier, ct);
        if (request.Tier is not null && tier is null)
        {
            ApiValidation.Add(errors, nameof(SetTier.Tier), $"There is no tier '{request.Tier}'");
        }
        Guid? owner = access.UserId;
        if (!string.IsNullOrWhiteSpace(request.OwnerEmail))
        {
            var normalised = request.OwnerEmail.Trim().ToUpperInvariant();
            owner = await db.Users.Where(u => u.NormalizedEmail == normalised && !u.IsDisabled).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (owner is null)
            {
                ApiValidation.Add(errors, nameof(SetTier.OwnerEmail), "There is no active officer with that e-mail");
            }
        }
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        if (request.ReviewDue < today)
        {
            ApiValidation.Add(errors, nameof(SetTier.ReviewDue), "The review date must be today or later");
        }
        if (errors.Count > 0)
        {
            return WorkResult<Guid>.Invalid(errors);
        }
        subject.TierId = tier!.Id;
        subject.TierOwnerId = owner;
        subject.TierReviewDue = request.ReviewDue ?? today.AddDays(tier.ReviewIntervalDays);
        subject.Touch(db.Clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return WorkResult<Guid>.Ok(id);
    }

    /// <summary>For the home page: subjects the user may see, and how many of their tier reviews fall due within
    /// the given days (counts only; no record is read).</summary>
    public async Task<(int Visible, int ReviewsDue)> CountsAsync(int withinDays, CancellationToken ct)
    {
        var limit = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime).AddDays(Math.Clamp(withinDays, 0, 366));
        return (await db.Set<Subject>().CountAsync(s => s.MergedIntoId == null, ct), await TierReviewsDueBy(limit).CountAsync(ct));
    }

    private IQueryable<Subject> TierReviewsDueBy(DateOnly limit) =>
        db.Set<Subject>().Where(s => s.MergedIntoId == null && s.TierReviewDue != null && s.TierReviewDue <= limit);

    /// <summary>Subjects whose tier review falls due within the given days (overdue first), of those the user may see.</summary>
    public async Task<List<ReviewDueItem>> ReviewsDueAsync(int withinDays, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        var limit = today.AddDays(Math.Clamp(withinDays, 0, 366));
        var due = await TierReviewsDueBy(limit).AsNoTracking()
            .OrderBy(s => s.TierReviewDue).Take(500)
            .Select(s => new
            {
                s.Id, s.GivenName, s.Surname, Due = s.TierReviewDue!.Value,
                Tier = db.Set<SubjectTier>().Where(t => t.Id == s.TierId).Select(t => t.Name).FirstOrDefault(),
                Owner = db.Users.Where(u => u.Id == s.TierOwnerId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "subject", null, detail: $"reviews due within {withinDays} days; {due.Count} shown");
        await db.SaveChangesAsync(ct);
        return due.Select(d => new ReviewDueItem(d.Id, d.GivenName, d.Surname, d.Tier ?? "", d.Owner, d.Due, d.Due < today)).ToList();
    }

    /// <summary>Merges <paramref name="request"/>.Duplicate into the survivor: every name, identifier,
    /// address, contact, vehicle, nationality and warning moves across marked with where it came from,
    /// the duplicate's own name becomes an alias, and the duplicate leaves lists and checks.</summary>
    public async Task<WorkResult<Guid>> MergeAsync(Guid survivorId, MergeRequest request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        if (request.Duplicate == survivorId)
        {
            ApiValidation.Add(errors, nameof(MergeRequest.Duplicate), "A record cannot be merged into itself");
        }
        var survivor = await WritableAsync(survivorId, ct);
        var duplicate = survivor is null || request.Duplicate == survivorId ? null : await WritableAsync(request.Duplicate, ct);
        if (survivor is null || (duplicate is null && request.Duplicate != survivorId))
        {
            return WorkResult<Guid>.Missing();
        }
        if (duplicate is not null && (duplicate.MergedIntoId is not null || survivor.MergedIntoId is not null))
        {
            ApiValidation.Add(errors, nameof(MergeRequest.Duplicate), "One of these records has already been merged");
        }
        // Merging moves the duplicate's details under the survivor's label: only between records labelled
        // alike, or details would reach people the duplicate's label kept them from (a Prevent person
        // shared with a Channel panel, a record of another group).
        if (duplicate is not null && (survivor.Classification != duplicate.Classification || survivor.OwningUnitId != duplicate.OwningUnitId
            || !survivor.NeedToKnow.Select(g => g.GroupId).ToHashSet().SetEquals(duplicate.NeedToKnow.Select(g => g.GroupId))))
        {
            ApiValidation.Add(errors, nameof(MergeRequest.Duplicate), "These records are labelled differently (classification, owning unit or need-to-know groups): they cannot be merged");
        }
        if (errors.Count > 0)
        {
            return WorkResult<Guid>.Invalid(errors);
        }
        var from = duplicate!.Id;
        survivor.OtherNames.Add(new SubjectName { Kind = NameKind.Alias, GivenName = duplicate.GivenName, Surname = duplicate.Surname, Source = "name on merged record", FromSubjectId = from });
        Move(duplicate.OtherNames, survivor.OtherNames, from);
        Move(duplicate.Identifiers, survivor.Identifiers, from);
        Move(duplicate.Addresses, survivor.Addresses, from);
        Move(duplicate.Contacts, survivor.Contacts, from);
        Move(duplicate.Vehicles, survivor.Vehicles, from);
        Move(duplicate.Nationalities, survivor.Nationalities, from);
        Move(duplicate.WarningMarkers, survivor.WarningMarkers, from);
        Move(duplicate.Links, survivor.Links, from);
        duplicate.MergedIntoId = survivor.Id;
        survivor.Touch(db.Clock.GetUtcNow());
        duplicate.Touch(db.Clock.GetUtcNow());
        db.Audit(AuditActions.Merge, AuditOutcomes.Success, "subject", survivor.Id.ToString(), request.Purpose, $"merged {from} into {survivor.Id}");
        await db.SaveChangesAsync(ct);
        return WorkResult<Guid>.Ok(survivorId);
    }

    /// <summary>Undoes a merge: everything that came from the duplicate goes back to it.</summary>
    public async Task<WorkResult<Guid>> UnmergeAsync(Guid survivorId, MergeRequest request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        var survivor = await WritableAsync(survivorId, ct);
        var duplicate = survivor is null ? null : await WritableAsync(request.Duplicate, ct);
        if (survivor is null || duplicate is null)
        {
            return WorkResult<Guid>.Missing();
        }
        if (duplicate.MergedIntoId != survivor.Id)
        {
            ApiValidation.Add(errors, nameof(MergeRequest.Duplicate), "That record was not merged into this one");
        }
        if (errors.Count > 0)
        {
            return WorkResult<Guid>.Invalid(errors);
        }
        var from = duplicate.Id;
        survivor.OtherNames.RemoveAll(n => n.FromSubjectId == from && n.Source == "name on merged record");
        Return(survivor.OtherNames, duplicate.OtherNames, from);
        Return(survivor.Identifiers, duplicate.Identifiers, from);
        Return(survivor.Addresses, duplicate.Addresses, from);
        Return(survivor.Contacts, duplicate.Contacts, from);
        Return(survivor.Vehicles, duplicate.Vehicles, from);
        Return(survivor.Nationalities, duplicate.Nationalities, from);
        Return(survivor.WarningMarkers, duplicate.WarningMarkers, from);
        Return(survivor.Links, duplicate.Links, from);
        duplicate.MergedIntoId = null;
        survivor.Touch(db.Clock.GetUtcNow());
        duplicate.Touch(db.Clock.GetUtcNow());
        db.Audit(AuditActions.Unmerge, AuditOutcomes.Success, "subject", survivor.Id.ToString(), request.Purpose, $"separated {from} from {survivor.Id}");
        await db.SaveChangesAsync(ct);
        return WorkResult<Guid>.Ok(survivorId);
    }

    // Owned details cannot change owner in place: each moves as a copy with a new id, marked with its origin.
    private static void Move<T>(List<T> from, List<T> to, Guid origin) where T : SubjectDetail
    {
        foreach (var item in from.ToList())
        {
            var copy = item.CopyAsNew<T>();
            copy.FromSubjectId = item.FromSubjectId ?? origin;
            to.Add(copy);
        }
        from.Clear();
    }

    private static void Return<T>(List<T> from, List<T> to, Guid origin) where T : SubjectDetail
    {
        foreach (var item in from.Where(i => i.FromSubjectId == origin).ToList())
        {
            var copy = item.CopyAsNew<T>();
            copy.FromSubjectId = null;
            to.Add(copy);
            from.Remove(item);
        }
    }
}
