using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Search;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Intelligence;

public sealed record LinkEntity(Guid? SubjectId);

/// <summary>The people, phones, vehicles, addresses, e-mails, organisations and online handles a report names,
/// linked to Subjects through the deconfliction check (hidden holders masked and told, as every check does).</summary>
public sealed partial class IntelligenceReports
{
    private static readonly Regex Postcode = new(@"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>What is missing from a named entity, by field.</summary>
    internal static IEnumerable<(string Field, string Message)> WhyNotEntity(NamedEntity entity)
    {
        foreach (var (field, messages) in ApiValidation.Validate(entity))
        {
            foreach (var message in messages)
            {
                yield return (field, message);
            }
        }
        switch (entity.Kind)
        {
            case null:
                yield return (nameof(NamedEntity.Kind), "Choose what the report names: a person, phone, vehicle, address, e-mail, organisation or online handle");
                break;
            case EntityKind.Person when entity.SubjectId is null && (string.IsNullOrWhiteSpace(entity.GivenName) || string.IsNullOrWhiteSpace(entity.Surname)):
                yield return (nameof(NamedEntity.Surname), "Enter the person's given name and surname");
                break;
            case EntityKind.Person when (entity.GivenName?.Trim().Length ?? 0) + (entity.Surname?.Trim().Length ?? 0) > 399:
                yield return (nameof(NamedEntity.Surname), "The person's given name and surname must be 399 characters or fewer together");
                break;
            case not EntityKind.Person when string.IsNullOrWhiteSpace(entity.Value):
                yield return (nameof(NamedEntity.Value), "Enter what the report names");
                break;
            case EntityKind.Phone or EntityKind.Vehicle or EntityKind.Email when SearchTerms.Identifier(entity.Value) is null:
                yield return (nameof(NamedEntity.Value), "Enter the whole phone number, registration or e-mail address");
                break;
        }
    }

    /// <summary>Adds an entity to a report the user may work on: checked and linked at once.</summary>
    public Task<WorkResult<ReportEntityDto>> AddEntityAsync(Guid id, NamedEntity request, CancellationToken ct) =>
        StepAsync(id, ReportStep.AddEntity, null, async (report, ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            foreach (var (field, message) in WhyNotEntity(request))
            {
                ApiValidation.Add(errors, field, message);
            }
            if (errors.Count > 0)
            {
                return WorkResult<ReportEntityDto>.Invalid(errors);
            }
            await using var transaction = await db.BeginWriteAsync(ct);
            var entity = await LinkEntityAsync(report, request, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return WorkResult<ReportEntityDto>.Ok((await EntitiesOfAsync(report.Id, ct)).Single(e => e.Id == entity.Id));
        }, ct);

    /// <summary>Links an unlinked entity (a person with several possible matches, say) to a subject the user chose.</summary>
    public Task<WorkResult<ReportEntityDto>> LinkEntityToSubjectAsync(Guid id, Guid entityId, LinkEntity request, CancellationToken ct) =>
        StepAsync(id, ReportStep.AddEntity, null, async (report, ct) =>
        {
            var entity = await db.Set<ReportEntity>().FirstOrDefaultAsync(e => e.Id == entityId && e.ReportId == id, ct);
            if (entity is null)
            {
                await db.RecordMissAsync<ReportEntity>(e => e.Id == entityId, "report-entity", entityId.ToString(), ct: ct);
                return WorkResult<ReportEntityDto>.Missing();
            }
            if (request.SubjectId is not { } subjectId || await subjects.ReadAsync(subjectId, $"Intelligence report {report.Reference}: linking what it names", ct) is not { } subject)
            {
                return WorkResult<ReportEntityDto>.Invalid(nameof(LinkEntity.SubjectId), "Choose a subject you may see");
            }
            entity.SubjectId = subject.Id;
            entity.Link = EntityLink.Linked;
            entity.LinkNote = $"Linked by hand by {Me}";
            await db.SaveChangesAsync(ct);
            return WorkResult<ReportEntityDto>.Ok((await EntitiesOfAsync(id, ct)).Single(e => e.Id == entityId));
        }, ct);

    /// <summary>The entities a report names, when the user may see the report (a copy awaiting acknowledgement shows none).</summary>
    public async Task<IReadOnlyList<ReportEntityDto>?> EntitiesAsync(Guid id, CancellationToken ct)
    {
        var report = await db.FindVisibleAsync<IntelligenceReport>(id, "intelligence-report", track: false, ct);
        if (report is null)
        {
            return null;
        }
        var entities = report.Withheld ? [] : await EntitiesOfAsync(id, ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "report-entities", id.ToString(), detail: $"{entities.Count} entities");
        await db.SaveChangesAsync(ct);
        return entities;
    }

    /// <summary>The report's entities, with the names of the subjects the user may see (a linked subject they
    /// may not see is withheld, not named).</summary>
    private async Task<List<ReportEntityDto>> EntitiesOfAsync(Guid reportId, CancellationToken ct)
    {
        var entities = await db.Set<ReportEntity>().AsNoTracking().Where(e => e.ReportId == reportId).OrderBy(e => e.AddedAt).ThenBy(e => e.Id).ToListAsync(ct);
        var candidates = entities.ToDictionary(e => e.Id, e => (e.Candidates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList());
        var ids = entities.Where(e => e.SubjectId is not null).Select(e => e.SubjectId!.Value).Concat(candidates.Values.SelectMany(c => c)).Distinct().ToList();
        var names = await db.Set<Subject>().AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.GivenName, s.Surname }).ToDictionaryAsync(s => s.Id, s => $"{s.GivenName} {s.Surname}", ct);
        return [.. entities.Select(e => new ReportEntityDto(e.Id, e.Kind, e.Value, e.DateOfBirth,
            e.SubjectId is { } s && names.ContainsKey(s) ? s : null, e.SubjectId is { } t ? names.GetValueOrDefault(t, "(withheld: restricted by its owner)") : null,
            e.Link, candidates[e.Id].Where(names.ContainsKey).Select(c => names[c]).ToList() is { Count: > 0 } possible && e.SubjectId is null
                ? $"Possible matches you may see: {string.Join(", ", possible)}. {e.LinkNote}" : e.LinkNote,
            e.Provenance, e.AddedAt, e.AddedBy))];
    }

    /// <summary>Checks what the report names and records it, linked or not: a check that cannot run (too many
    /// checks, say) leaves it unlinked with the reason, never lost.</summary>
    private async Task<ReportEntity> LinkEntityAsync(IntelligenceReport report, NamedEntity named, CancellationToken ct)
    {
        var kind = named.Kind!.Value;
        var value = kind == EntityKind.Person && named.SubjectId is null ? $"{named.GivenName!.Trim()} {named.Surname!.Trim()}" : named.Value?.Trim() ?? "";
        var entity = new ReportEntity
        {
            ReportId = report.Id, Kind = kind, Value = value, DateOfBirth = named.DateOfBirth,
            Normalised = kind is EntityKind.Phone or EntityKind.Vehicle or EntityKind.Email or EntityKind.OnlineHandle ? SearchTerms.Identifier(value) : null,
            Provenance = $"{report.Reference}, graded {report.GradeText}", AddedAt = db.Clock.GetUtcNow(), AddedBy = Me,
            Link = EntityLink.Unlinked,
        };
        if (entity.Normalised is not null)
        {
            report.Names(entity.Normalised);
        }
        var purpose = $"Intelligence report {report.Reference}: checking a {Describe(kind)} it names";
        if (named.SubjectId is { } known)
        {
            var subject = await subjects.ReadAsync(known, purpose, ct);
            if (subject is null)
            {
                entity.LinkNote = "There is no subject with that reference that you may see: not linked";
            }
            else
            {
                (entity.SubjectId, entity.Link, entity.LinkNote, entity.Value) = (subject.Id, EntityLink.Linked, "Linked to the subject named", value.Length > 0 ? value : $"{subject.GivenName} {subject.Surname}");
            }
            db.Add(entity);
            return entity;
        }
        var request = kind switch
        {
            EntityKind.Person => new DeconflictionRequest { Purpose = purpose, Person = new PersonQuery(named.GivenName!.Trim(), named.Surname!.Trim(), named.DateOfBirth) },
            EntityKind.Phone => new DeconflictionRequest { Purpose = purpose, Phone = value },
            EntityKind.Vehicle => new DeconflictionRequest { Purpose = purpose, Vehicle = value },
            EntityKind.Email => new DeconflictionRequest { Purpose = purpose, Email = value },
            EntityKind.Address when Postcode.Match(value) is { Success: true } m => new DeconflictionRequest { Purpose = purpose, Postcode = m.Value },
            _ => null,
        };
        if (request is null)
        {
            entity.LinkNote = "Not checked against Subjects: found through the search";
            db.Add(entity);
            return entity;
        }
        var check = await deconfliction.CheckAsync(request, ct);
        if (check.Value is not { } result)
        {
            entity.LinkNote = Bound($"The deconfliction check could not run ({string.Join(" ", check.Messages)}): link it by hand later");
            db.Add(entity);
            return entity;
        }
        var visible = result.Hits.Where(h => h.Visible && h.Subject is not null && h.Band != MatchBand.PossibleRelative).ToList();
        var hidden = result.Hits.Count(h => !h.Visible);
        // What the check told its officer of other units' records is theirs, not the report's: the note keeps only
        // the check's reference (the holders were told), and possible matches by id, named to each reader as they may see them.
        var elsewhere = $" (check {result.Reference})";
        var strong = visible.Where(h => h.Band == MatchBand.Strong).Select(h => h.Subject!).DistinctBy(s => s.Id).ToList();
        if (strong.Count == 1 && !result.SeveralPossibleMatches)
        {
            (entity.SubjectId, entity.Link, entity.LinkNote) = (strong[0].Id, EntityLink.Linked, $"Linked by the deconfliction check ({result.Reference}){elsewhere}");
        }
        else if (visible.Count > 0)
        {
            entity.Candidates = string.Join(",", visible.Select(h => h.Subject!.Id).Distinct().Take(20));
            entity.LinkNote = $"Several possible matches: link the right one by hand{elsewhere}";
        }
        else if (kind == EntityKind.Person)
        {
            var created = await subjects.CreateAsync(new SubjectRequest
            {
                GivenName = named.GivenName!.Trim(), Surname = named.Surname!.Trim(), DateOfBirth = named.DateOfBirth,
                Summary = $"Named in intelligence report {report.Reference} (graded {report.GradeText}).",
                Classification = report.Classification, OfficialSensitive = report.OfficialSensitive,
                NeedToKnowGroups = report.NeedToKnow.Select(g => g.GroupId).ToList(), AcknowledgedCandidates = true,
            }, ct);
            if (created.Value?.Created is { } person)
            {
                (entity.SubjectId, entity.Link, entity.LinkNote) = (person.Id, EntityLink.NewSubject, $"Recorded as a new subject{elsewhere}");
            }
            else
            {
                entity.LinkNote = Bound($"Could not be recorded as a subject ({string.Join(" ", created.Messages.Concat(created.Errors.SelectMany(e => e.Value)))}): link it by hand later");
            }
        }
        else
        {
            entity.LinkNote = $"Not linked to a subject{elsewhere}";
        }
        db.Add(entity);
        return entity;
    }

    private static string Bound(string note) => note.Length <= 1000 ? note : note[..997] + "...";

    internal static string Describe(EntityKind kind) => kind switch
    {
        EntityKind.OnlineHandle => "online handle",
        EntityKind.Email => "e-mail address",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
