using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects;

public sealed record SubjectDto(
    Guid Id, string GivenName, string Surname, DateOnly? DateOfBirth, DateOfBirthAccuracy DateOfBirthAccuracy, Gender Gender, string Summary,
    Classification Classification, bool OfficialSensitive, string OwningUnit, IReadOnlyList<Guid> NeedToKnowGroups,
    SubjectDetailsDto Details, Guid? MergedInto,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Guid Version);

public sealed record SubjectListItem(Guid Id, string GivenName, string Surname, DateOnly? DateOfBirth, Classification Classification, bool OfficialSensitive, string OwningUnit, int WarningMarkers);

/// <summary>A subject as a client proposes it. Owner, classification and groups are checked against the
/// user's own rights (<see cref="AccessPolicy.LabelRefusal"/>), never trusted.</summary>
public sealed record SubjectRequest
{
    [Required(ErrorMessage = "Enter the given name"), StringLength(200, ErrorMessage = "Given name must be 200 characters or fewer")]
    public string? GivenName { get; init; }

    [Required(ErrorMessage = "Enter the surname"), StringLength(200, ErrorMessage = "Surname must be 200 characters or fewer")]
    public string? Surname { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public DateOfBirthAccuracy? DateOfBirthAccuracy { get; init; }

    public Gender? Gender { get; init; }

    [StringLength(4000, ErrorMessage = "Summary must be 4000 characters or fewer")]
    public string? Summary { get; init; }

    [Required(ErrorMessage = "Choose a classification")]
    public Classification? Classification { get; init; }

    public bool OfficialSensitive { get; init; }

    /// <summary>Defaults to the user's own unit; any other is refused.</summary>
    public string? OwningUnit { get; init; }

    public List<Guid>? NeedToKnowGroups { get; init; }

    public List<NameDetail>? OtherNames { get; init; }
    public List<IdentifierDetail>? Identifiers { get; init; }
    public List<AddressDetail>? Addresses { get; init; }
    public List<ContactDetail>? Contacts { get; init; }
    public List<VehicleDetail>? Vehicles { get; init; }
    public List<NationalityDetail>? Nationalities { get; init; }
    public List<LinkDetail>? Links { get; init; }

    /// <summary>On create: the check run first found possible matches, the user looked at them and records a
    /// new subject all the same.</summary>
    public bool AcknowledgedCandidates { get; init; }

    /// <summary>Required on update: the version read, so a stale edit is refused (409), never applied.</summary>
    public Guid? Version { get; init; }
}

/// <summary>What recording a subject came to: the new record, or the possible matches found at the door
/// (nothing recorded until the user sets them aside).</summary>
public sealed record SubjectCreation(SubjectDto? Created, IReadOnlyList<Deconfliction.DeconflictionHit> Candidates);

public enum SubjectSort
{
    Surname,
    GivenName,
    DateOfBirth,
    Updated,
}

/// <summary>The use cases on subject records, shared by the pages and the API. Every read and search is
/// audited in the same transaction as its entry; a record the user may not see is reported exactly as
/// a missing one, after its refusal is audited.</summary>
public sealed class SubjectRecords(VigilDb db, AccessContext access, Deconfliction.DeconflictionService deconfliction)
{
    public async Task<Paged<SubjectListItem>> SearchAsync(string? name, SubjectSort sort, bool descending, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var query = SubjectNameToken.Matching(db.Set<Subject>().AsNoTracking().Where(s => s.MergedIntoId == null), db.Set<SubjectNameToken>(), name);
        // Counted before it is sorted: a count needs no order, and a sorted one would sort everything it counts.
        var (total, more) = await Paging.CountUpToLimitAsync(query, ct);
        query = (sort, descending) switch
        {
            (SubjectSort.GivenName, false) => query.OrderBy(s => s.GivenName).ThenBy(s => s.Surname),
            (SubjectSort.GivenName, true) => query.OrderByDescending(s => s.GivenName).ThenBy(s => s.Surname),
            (SubjectSort.DateOfBirth, false) => query.OrderBy(s => s.DateOfBirth).ThenBy(s => s.Surname),
            (SubjectSort.DateOfBirth, true) => query.OrderByDescending(s => s.DateOfBirth).ThenBy(s => s.Surname),
            (SubjectSort.Updated, false) => query.OrderBy(s => s.UpdatedAt),
            (SubjectSort.Updated, true) => query.OrderByDescending(s => s.UpdatedAt),
            (_, true) => query.OrderByDescending(s => s.Surname).ThenByDescending(s => s.GivenName),
            _ => query.OrderBy(s => s.Surname).ThenBy(s => s.GivenName),
        };
        var units = db.Set<Network.Unit>();
        var items = (p - 1) * size >= total ? [] : await query.Skip((p - 1) * size).Take(size)
            .Select(s => new SubjectListItem(s.Id, s.GivenName, s.Surname, s.DateOfBirth, s.Classification, s.OfficialSensitive,
                units.Where(u => u.Id == s.OwningUnitId).Select(u => u.Name).First(), s.WarningMarkers.Count))
            .ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "subject", null,
            detail: $"name \"{name}\"; page {p}; {items.Count} of {(more ? "more than " : "")}{total} shown: {string.Join(",", items.Select(i => i.Id))}");
        await db.SaveChangesAsync(ct);
        return new Paged<SubjectListItem>(items, p, size, total, more);
    }

    public async Task<SubjectDto?> ReadAsync(Guid id, string? purpose, CancellationToken ct)
    {
        var subject = await FindAsync(id, ct);
        if (subject is null)
        {
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "subject", id.ToString(), purpose);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(subject, ct);
    }

    /// <summary>A request that would leave the subject exactly as the user sees it: the base for a page
    /// that changes one thing.</summary>
    public static SubjectRequest RequestFrom(SubjectDto s) => new()
    {
        GivenName = s.GivenName, Surname = s.Surname, DateOfBirth = s.DateOfBirth, DateOfBirthAccuracy = s.DateOfBirthAccuracy, Gender = s.Gender,
        Summary = s.Summary, Classification = s.Classification, OfficialSensitive = s.OfficialSensitive, OwningUnit = s.OwningUnit,
        NeedToKnowGroups = s.NeedToKnowGroups.ToList(), Version = s.Version,
    };

    public const string CheckBeforeCreatePurpose = "Check before recording a new subject";

    /// <summary>Records a new subject. Unless the user has already seen and set aside the candidates, a
    /// deconfliction check runs first (audited, holders told, hidden records masked, throttled like any
    /// check) and any matches are returned instead, so that duplicates are avoided at the door.</summary>
    public async Task<WorkResult<SubjectCreation>> CreateAsync(SubjectRequest request, CancellationToken ct)
    {
        var (label, errors) = await CheckAsync(request, ct);
        if (errors.Count > 0)
        {
            return WorkResult<SubjectCreation>.Invalid(errors);
        }
        if (!request.AcknowledgedCandidates)
        {
            var check = await deconfliction.CheckAsync(new Deconfliction.DeconflictionRequest
            {
                Purpose = CheckBeforeCreatePurpose,
                Person = new Deconfliction.PersonQuery(request.GivenName, request.Surname, request.DateOfBirth, request.Gender),
                Phone = request.Contacts?.FirstOrDefault(c => c.Kind == ContactKind.Phone)?.Value,
                Vehicle = request.Vehicles?.FirstOrDefault()?.Registration,
                Identifier = request.Identifiers?.FirstOrDefault()?.Value,
                Email = request.Contacts?.FirstOrDefault(c => c.Kind == ContactKind.Email)?.Value,
            }, ct);
            if (check.Status == WorkStatus.TooMany)
            {
                return check.As<SubjectCreation>();
            }
            if (check.Value is { Hits.Count: > 0 } found)
            {
                return WorkResult<SubjectCreation>.Ok(new SubjectCreation(null, found.Hits));
            }
        }
        if (!access.Roles.Any(Roles.SubjectWriters.Contains))
        {
            return WorkResult<SubjectCreation>.Invalid("", "Your roles do not allow you to create subject records.");
        }
        var now = db.Clock.GetUtcNow();
        var subject = new Subject
        {
            GivenName = request.GivenName!.Trim(),
            Surname = request.Surname!.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(subject, request, label!);
        db.Add(subject);
        await db.SaveChangesAsync(ct);
        return WorkResult<SubjectCreation>.Ok(new SubjectCreation(await ToDtoAsync(subject, ct), []));
    }

    /// <summary>Why an update on a stale copy is refused: nothing was overwritten.</summary>
    public const string StaleCopy = "Someone else changed this record first. Read the record again and re-apply your change. Nothing was overwritten.";

    public async Task<WorkResult<SubjectDto>> UpdateAsync(Guid id, SubjectRequest request, CancellationToken ct)
    {
        var subject = await FindAsync(id, ct, tracked: true);
        if (subject is null || !AccessPolicy.CanWrite(access, ProtectiveLabel.Of(subject), Roles.SubjectWriters))
        {
            if (subject is not null)
            {
                await db.RecordMissAsync<Subject>(s => s.Id == id, "subject", id.ToString(), ct: ct);
            }
            return WorkResult<SubjectDto>.Missing();
        }
        var (label, errors) = await CheckAsync(request, ct);
        if (request.Version is null)
        {
            ApiValidation.Add(errors, nameof(SubjectRequest.Version), "Send the version of the record you are changing");
        }
        if (errors.Count > 0)
        {
            return WorkResult<SubjectDto>.Invalid(errors);
        }
        if (request.Version != subject.Version)
        {
            return WorkResult<SubjectDto>.Conflict(StaleCopy);
        }
        db.Entry(subject).Property(s => s.Version).OriginalValue = request.Version!.Value;
        // Links to records this user may not see were never shown to them: a new list cannot have meant to drop them.
        var visible = await VisibleLinkTargetsAsync(subject, ct);
        var unseen = subject.Links.Where(l => !visible.Contains(l.ToSubjectId ?? l.ToOrganisationId ?? Guid.Empty)).ToList();
        Apply(subject, request, label!);
        if (request.Links is not null)
        {
            subject.Links.AddRange(unseen.Where(l => !subject.Links.Contains(l)));
        }
        subject.Touch(db.Clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WorkResult<SubjectDto>.Conflict(StaleCopy);
        }
        return WorkResult<SubjectDto>.Ok(await ToDtoAsync(subject, ct));
    }

    /// <summary>Deletes a subject the user may change. One that other records still point at (an
    /// investigation's linked people, a merge) is refused, nothing deleted.</summary>
    public async Task<WorkResult<Guid>> DeleteAsync(Guid id, string? purpose, CancellationToken ct)
    {
        var subject = await FindAsync(id, ct, tracked: true);
        if (subject is null || !AccessPolicy.CanWrite(access, ProtectiveLabel.Of(subject), Roles.SubjectWriters))
        {
            if (subject is not null)
            {
                await db.RecordMissAsync<Subject>(s => s.Id == id, "subject", id.ToString(), ct: ct);
            }
            return WorkResult<Guid>.Missing();
        }
        db.Remove(subject);
        db.Audit(AuditActions.Delete, AuditOutcomes.Success, "subject", id.ToString(), purpose, "deleted at the user's request");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsForeignKeyViolation(e))
        {
            db.Entry(subject).State = EntityState.Detached;
            return WorkResult<Guid>.Conflict("Other records point at this subject (for example an investigation's linked people or a merge). Nothing was deleted.");
        }
        return WorkResult<Guid>.Ok(id);
    }

    /// <summary>The record if the user may see it. If it exists but is hidden from them the refusal is
    /// audited; either way the caller gets null and answers 404.</summary>
    private async Task<Subject?> FindAsync(Guid id, CancellationToken ct, bool tracked = false)
    {
        var query = tracked ? db.Set<Subject>() : db.Set<Subject>().AsNoTracking();
        var subject = await query.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subject is null)
        {
            await db.RecordMissAsync<Subject>(s => s.Id == id, "subject", id.ToString(), ct: ct);
        }
        return subject;
    }

    private async Task<(ProtectiveLabel? Label, Dictionary<string, string[]> Errors)> CheckAsync(SubjectRequest request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        SubjectDetails.Validate(request, errors);
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        if (request.DateOfBirth is { } dob && (dob > today || dob.Year < 1900))
        {
            ApiValidation.Add(errors, nameof(SubjectRequest.DateOfBirth), dob > today ? "Date of birth must be in the past" : "Date of birth must be after 1900");
        }
        foreach (var (link, i) in (request.Links ?? []).Select((l, i) => (l, i)))
        {
            // A target the user may not see is reported exactly as one that does not exist.
            var exists = link.ToSubjectId is { } sid ? await db.Set<Subject>().AnyAsync(x => x.Id == sid, ct)
                : link.ToOrganisationId is { } oid && await db.Set<Organisation>().AnyAsync(x => x.Id == oid, ct);
            if (!exists && (link.ToSubjectId ?? link.ToOrganisationId) is not null)
            {
                ApiValidation.Add(errors, $"{nameof(SubjectRequest.Links)}[{i}]", "There is no such record to link to");
            }
        }
        Guid? owner = access.UnitId;
        if (!string.IsNullOrWhiteSpace(request.OwningUnit))
        {
            owner = await db.Set<Network.Unit>().Where(u => u.Code == request.OwningUnit).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (owner is null)
            {
                ApiValidation.Add(errors, nameof(SubjectRequest.OwningUnit), $"There is no unit with code '{request.OwningUnit}'");
            }
        }
        if (errors.Count > 0 || request.Classification is null)
        {
            return (null, errors);
        }
        if (owner is null)
        {
            ApiValidation.Add(errors, nameof(SubjectRequest.OwningUnit), "Only officers of a unit can own records");
            return (null, errors);
        }
        var label = new ProtectiveLabel(request.Classification.Value, request.OfficialSensitive, owner.Value, (request.NeedToKnowGroups ?? []).Distinct().ToList());
        if (AccessPolicy.LabelRefusal(access, label) is { } refusal)
        {
            var field = refusal.Contains("clearance", StringComparison.Ordinal) || refusal.Contains("OFFICIAL-SENSITIVE", StringComparison.Ordinal) ? nameof(SubjectRequest.Classification)
                : refusal.Contains("groups", StringComparison.Ordinal) ? nameof(SubjectRequest.NeedToKnowGroups) : nameof(SubjectRequest.OwningUnit);
            ApiValidation.Add(errors, field, refusal);
        }
        return (label, errors);
    }

    private static void Apply(Subject subject, SubjectRequest request, ProtectiveLabel label)
    {
        subject.GivenName = request.GivenName!.Trim();
        subject.Surname = request.Surname!.Trim();
        subject.DateOfBirth = request.DateOfBirth;
        subject.DateOfBirthAccuracy = request.DateOfBirth is null ? DateOfBirthAccuracy.Exact : request.DateOfBirthAccuracy ?? subject.DateOfBirthAccuracy;
        subject.Gender = request.Gender ?? subject.Gender;
        SubjectDetails.Apply(subject, request);
        subject.Summary = request.Summary?.Trim() ?? "";
        subject.Classification = label.Classification;
        subject.OfficialSensitive = label.OfficialSensitive;
        subject.OwningUnitId = label.OwningUnitId;
        subject.NeedToKnow.RemoveAll(g => !label.Groups.Contains(g.GroupId));
        foreach (var group in label.Groups.Where(g => subject.NeedToKnow.All(n => n.GroupId != g)))
        {
            subject.NeedToKnow.Add(new RecordGroup { GroupId = group });
        }
    }

    private async Task<HashSet<Guid>> VisibleLinkTargetsAsync(Subject s, CancellationToken ct)
    {
        var subjects = s.Links.Where(l => l.ToSubjectId is not null).Select(l => l.ToSubjectId!.Value).ToList();
        var organisations = s.Links.Where(l => l.ToOrganisationId is not null).Select(l => l.ToOrganisationId!.Value).ToList();
        var visible = new HashSet<Guid>();
        if (subjects.Count > 0)
        {
            visible.UnionWith(await db.Set<Subject>().Where(x => subjects.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct));
        }
        if (organisations.Count > 0)
        {
            visible.UnionWith(await db.Set<Organisation>().Where(x => organisations.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct));
        }
        return visible;
    }

    private async Task<SubjectDto> ToDtoAsync(Subject s, CancellationToken ct)
    {
        var unit = await db.Set<Network.Unit>().Where(u => u.Id == s.OwningUnitId).Select(u => u.Code).FirstAsync(ct);
        return new SubjectDto(s.Id, s.GivenName, s.Surname, s.DateOfBirth, s.DateOfBirthAccuracy, s.Gender, s.Summary, s.Classification, s.OfficialSensitive, unit,
            s.NeedToKnow.Select(g => g.GroupId).ToList(), SubjectDetails.ToDto(s, await VisibleLinkTargetsAsync(s, ct)), s.MergedIntoId, s.CreatedAt, s.UpdatedAt, s.Version);
    }
}
