using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects.Deconfliction;

/// <summary>What an officer asks: "is this person, phone, vehicle, address, identifier or e-mail
/// already known, and to whom?" A purpose is always required.</summary>
public sealed record DeconflictionRequest
{
    [Required(ErrorMessage = "Say why you are running this check"), StringLength(1000, MinimumLength = 5, ErrorMessage = "Say why you are running this check, in 5 to 1000 characters")]
    public string? Purpose { get; init; }

    public PersonQuery? Person { get; init; }

    [StringLength(32)]
    public string? Phone { get; init; }

    [StringLength(16)]
    public string? Vehicle { get; init; }

    [StringLength(16)]
    public string? Postcode { get; init; }

    [StringLength(100)]
    public string? Identifier { get; init; }

    [StringLength(256)]
    public string? Email { get; init; }
}

public sealed record PersonQuery(
    [property: StringLength(200)] string? GivenName,
    [property: StringLength(200)] string? Surname,
    DateOnly? DateOfBirth = null,
    Gender? Gender = null,
    [property: StringLength(16)] string? Postcode = null);

/// <summary>A hit. For a record the asker may see: the record. For one they may not: only that it
/// exists, how strong the match is, and which unit to approach - never its content.</summary>
public sealed record DeconflictionHit(
    string MatchedOn,
    double Strength,
    bool Visible,
    string OwningUnit,
    string? Contact,
    DeconflictionSubject? Subject,
    IReadOnlyList<string>? Explanation,
    IReadOnlyList<string> KnownTo);

public sealed record DeconflictionSubject(Guid Id, string GivenName, string Surname, DateOnly? DateOfBirth, IReadOnlyList<string> WarningMarkers);

public sealed record DeconflictionResult(Guid CheckId, IReadOnlyList<DeconflictionHit> Hits);

/// <summary>A candidate from any matcher: the subject, what matched, how strongly, and why.</summary>
public sealed record DeconflictionCandidate(Guid SubjectId, string MatchedOn, double Strength, IReadOnlyList<string> Explanation);

/// <summary>
/// Network-wide deconfliction. This is the one deliberate bypass of the access filter outside system
/// work: it searches every unit's records, then applies the access policy to each hit itself, masking
/// those the asker may not see and telling their owners who asked and why. Every check and every hit is
/// audited.
/// </summary>
public sealed class DeconflictionService(VigilDb db, AccessContext access, UnitInbox inbox, IEnumerable<IPersonMatcher> personMatchers, IEnumerable<ISubjectInvolvement> involvements)
{
    public async Task<(DeconflictionResult? Result, Dictionary<string, string[]> Errors)> CheckAsync(DeconflictionRequest request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        if (request.Person is { } person)
        {
            foreach (var (k, v) in ApiValidation.Validate(person))
            {
                errors[$"Person.{k}"] = v;
            }
            if (string.IsNullOrWhiteSpace(person.Surname) && string.IsNullOrWhiteSpace(person.GivenName))
            {
                ApiValidation.Add(errors, "Person.Surname", "Enter at least a name to check a person");
            }
        }
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : SubjectDetails.NormalisePhone(request.Phone);
        var vehicle = string.IsNullOrWhiteSpace(request.Vehicle) ? null : SubjectDetails.NormaliseRegistration(request.Vehicle);
        var postcode = string.IsNullOrWhiteSpace(request.Postcode) ? null : SubjectDetails.NormalisePostcode(request.Postcode);
        var identifier = string.IsNullOrWhiteSpace(request.Identifier) ? null : request.Identifier.Trim().ToUpperInvariant();
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim().ToLowerInvariant();
        if (request.Person is null && phone is null && vehicle is null && postcode is null && identifier is null && email is null)
        {
            ApiValidation.Add(errors, nameof(DeconflictionRequest.Person), "Enter a person, phone, vehicle, postcode, identifier or e-mail to check");
        }
        if (phone is { Length: < 5 })
        {
            ApiValidation.Add(errors, nameof(DeconflictionRequest.Phone), "Enter a phone number with at least 5 digits");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var candidates = new List<DeconflictionCandidate>();
        var all = db.Set<Subject>().IgnoreQueryFilters().AsNoTracking().Where(s => s.MergedIntoId == null);
        if (phone is not null)
        {
            candidates.AddRange((await all.Where(s => s.Contacts.Any(c => c.Kind == ContactKind.Phone && c.Value == phone)).Select(s => s.Id).ToListAsync(ct))
                .Select(id => new DeconflictionCandidate(id, "phone", 1, ["phone: exact"])));
        }
        if (vehicle is not null)
        {
            candidates.AddRange((await all.Where(s => s.Vehicles.Any(v => v.Registration == vehicle)).Select(s => s.Id).ToListAsync(ct))
                .Select(id => new DeconflictionCandidate(id, "vehicle", 1, ["vehicle registration: exact"])));
        }
        if (postcode is not null)
        {
            candidates.AddRange((await all.Where(s => s.Addresses.Any(a => a.Postcode == postcode)).Select(s => s.Id).ToListAsync(ct))
                .Select(id => new DeconflictionCandidate(id, "address", 1, ["postcode: exact"])));
        }
        if (identifier is not null)
        {
            candidates.AddRange((await all.Where(s => s.Identifiers.Any(i => i.Value == identifier)).Select(s => s.Id).ToListAsync(ct))
                .Select(id => new DeconflictionCandidate(id, "identifier", 1, ["identifier: exact"])));
        }
        if (email is not null)
        {
            candidates.AddRange((await all.Where(s => s.Contacts.Any(c => c.Kind == ContactKind.Email && c.Value == email)).Select(s => s.Id).ToListAsync(ct))
                .Select(id => new DeconflictionCandidate(id, "e-mail", 1, ["e-mail: exact"])));
        }
        if (request.Person is { } query)
        {
            foreach (var matcher in personMatchers)
            {
                candidates.AddRange(await matcher.FindAsync(query, ct));
            }
        }

        // One hit per record: the strongest reason it matched.
        var best = candidates.GroupBy(c => c.SubjectId).Select(g => g.OrderByDescending(c => c.Strength).First()).ToList();
        var ids = best.Select(c => c.SubjectId).ToList();
        var records = await all.Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id, s.GivenName, s.Surname, s.DateOfBirth, s.Classification, s.OfficialSensitive, s.OwningUnitId,
                Groups = s.NeedToKnow.Select(g => g.GroupId).ToList(),
                Warnings = s.WarningMarkers.Select(w => w.Kind).ToList(),
            })
            .ToDictionaryAsync(s => s.Id, ct);
        var unitIds = records.Values.Select(r => r.OwningUnitId).Distinct().ToList();
        var units = await db.Set<Network.Unit>().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var knownTo = new Dictionary<Guid, List<string>>();
        foreach (var involvement in involvements)
        {
            foreach (var (id, phrases) in await involvement.DescribeAsync(records.Keys, ct))
            {
                (knownTo.TryGetValue(id, out var list) ? list : knownTo[id] = []).AddRange(phrases);
            }
        }

        var checkId = Guid.CreateVersion7();
        var hits = new List<DeconflictionHit>();
        foreach (var candidate in best.OrderByDescending(c => c.Strength))
        {
            if (!records.TryGetValue(candidate.SubjectId, out var record))
            {
                continue;
            }
            var unit = units[record.OwningUnitId];
            var label = new ProtectiveLabel(record.Classification, record.OfficialSensitive, record.OwningUnitId, record.Groups);
            var visible = AccessPolicy.CanRead(access, label);
            var strength = Math.Round(candidate.Strength, 3);
            var involved = knownTo.TryGetValue(record.Id, out var phrases) ? phrases.Distinct().ToList() : new List<string>();
            hits.Add(visible
                ? new DeconflictionHit(candidate.MatchedOn, strength, true, unit.Name, null,
                    new DeconflictionSubject(record.Id, record.GivenName, record.Surname, record.DateOfBirth, record.Warnings.Select(w => w.ToString()).ToList()),
                    candidate.Explanation, involved)
                : new DeconflictionHit(candidate.MatchedOn, strength, false, unit.Name, Contact(unit), null, null, involved));
            db.Audit("deconfliction-hit", visible ? AuditOutcomes.Success : AuditOutcomes.Denied, "subject", record.Id.ToString(), request.Purpose,
                $"check {checkId}; matched on {candidate.MatchedOn}; strength {strength}; {(visible ? "shown" : "masked")}{(involved.Count > 0 ? "; " + string.Join("; ", involved) : "")}");
            if (record.OwningUnitId != access.UnitId)
            {
                inbox.Send(record.OwningUnitId, "A deconfliction check matched one of your records",
                    $"{access.DisplayName} ({access.UserName}, {access.UnitName}) ran a check that matched on {candidate.MatchedOn} (strength {strength:0.00}). Purpose given: \"{request.Purpose!.Trim()}\". Contact them before acting.",
                    "subject", record.Id.ToString());
            }
        }
        db.Audit("deconfliction-check", AuditOutcomes.Success, "deconfliction-check", checkId.ToString(), request.Purpose!.Trim(),
            $"asked: {Describe(request)}; {hits.Count} hits, {hits.Count(h => !h.Visible)} masked");
        await db.SaveChangesAsync(ct);
        return (new DeconflictionResult(checkId, hits), errors);
    }

    private static string Contact(Network.Unit unit) =>
        string.Join(", ", new[] { unit.ContactEmail, unit.ContactPhone }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static string Describe(DeconflictionRequest r) => string.Join("; ", new[]
    {
        r.Person is { } p ? $"person {p.GivenName} {p.Surname} {p.DateOfBirth}" : null,
        r.Phone is null ? null : $"phone {r.Phone}",
        r.Vehicle is null ? null : $"vehicle {r.Vehicle}",
        r.Postcode is null ? null : $"postcode {r.Postcode}",
        r.Identifier is null ? null : $"identifier {r.Identifier}",
        r.Email is null ? null : $"e-mail {r.Email}",
    }.Where(s => s is not null));
}

/// <summary>Finds people who may be the one described: implemented by the matching index.</summary>
public interface IPersonMatcher
{
    Task<IReadOnlyList<DeconflictionCandidate>> FindAsync(PersonQuery query, CancellationToken ct);
}
