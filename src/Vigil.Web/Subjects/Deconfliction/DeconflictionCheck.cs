using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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

    /// <summary>Also list the people you may see who may be relatives of the person asked about (same surname
    /// and address or birth date, another given name; same name a generation apart). The check page asks for them.</summary>
    public bool IncludeRelatives { get; init; }
}

public sealed record PersonQuery(
    [property: StringLength(200)] string? GivenName,
    [property: StringLength(200)] string? Surname,
    DateOnly? DateOfBirth = null,
    Gender? Gender = null,
    [property: StringLength(16)] string? Postcode = null);

/// <summary>How strong a match is, in words. A record the asker may not see is described by its band
/// only: two answers at most, whatever its score, so repeated probes cannot read the score.</summary>
public enum MatchBand
{
    Possible,
    Strong,

    /// <summary>Not a match: a record the asker may see of someone who may be a relative (only with <see cref="DeconflictionRequest.IncludeRelatives"/>).</summary>
    PossibleRelative,
}

/// <summary>A hit. For a record the asker may see: the record, the score and why it matched. For one they
/// may not: only which of the things asked about matched, the band, the owning unit and its contact, and
/// the fixed involvement phrases; never an id, a name, a score or anything that varies within a band.
/// Hidden records are reported once per thing asked about, so two hits never show that two attributes
/// belong to one hidden person.</summary>
public sealed record DeconflictionHit(
    string MatchedOn,
    MatchBand Band,
    double? Strength,
    bool Visible,
    string OwningUnit,
    string? Contact,
    DeconflictionSubject? Subject,
    IReadOnlyList<string>? Explanation,
    IReadOnlyList<string> KnownTo)
{
    /// <summary>"strong match" or "possible match", as pages and notes print it.</summary>
    public string BandText => Band switch { MatchBand.Strong => "strong match", MatchBand.PossibleRelative => "possibly a relative", _ => "possible match" };
}

public sealed record DeconflictionSubject(Guid Id, string GivenName, string Surname, DateOnly? DateOfBirth, IReadOnlyList<string> WarningMarkers);

/// <summary>The outcome of a check. <see cref="Reference"/> is what the officer quotes to a holding unit
/// (it is in that unit's notice and in the audit log). <see cref="SeveralPossibleMatches"/>: two or more
/// people fit what was asked about a person and none strongly, so more details are needed before acting.</summary>
public sealed record DeconflictionResult(Guid CheckId, IReadOnlyList<DeconflictionHit> Hits, string Reference)
{
    public bool SeveralPossibleMatches { get; init; }
}

/// <summary>A candidate from any matcher: the subject, what matched, how strongly, and why; and whether the comparison
/// suggests a relative rather than the person (given names that differ, the rest the same).</summary>
public sealed record DeconflictionCandidate(Guid SubjectId, string MatchedOn, double Strength, IReadOnlyList<string> Explanation, bool SuggestsRelative = false);

/// <summary>
/// Network-wide deconfliction. This is the one deliberate bypass of the access filter outside system
/// work: it searches every unit's records, then applies the access policy to each hit itself, masking
/// those the asker may not see and telling whoever may see them who asked and why. Every check and every
/// hit is audited. Checks are throttled per user, and repeated hits on one hidden record are reported to
/// its holders as a possible probe (<see cref="DeconflictionOptions"/>).
/// </summary>
public sealed class DeconflictionService(VigilDb db, AccessContext access, UnitInbox inbox, IEnumerable<IPersonMatcher> personMatchers,
    IEnumerable<ISubjectInvolvement> involvements, IOptions<DeconflictionOptions> options)
{
    private DeconflictionOptions Options => options.Value;

    // The order hits are listed in: what was asked, in the form's order.
    private static readonly string[] AttributeOrder = ["person", "relative", "phone", "vehicle", "address", "identifier", "e-mail"];

    public MatchBand BandOf(double strength, bool suggestsRelative = false) => Band(strength, suggestsRelative, Options.StrongFrom);

    /// <summary>Strong from the threshold, but never a record whose comparison suggests a relative: how strong a score
    /// the rest of a pair earns (a rare surname, the same birth date) depends on the population the engine learnt from,
    /// and a different given name is for the officer to weigh, so such a record is at most a possible match, and its Why
    /// says "possibly a relative".</summary>
    public static MatchBand Band(double strength, bool suggestsRelative, double strongFrom) =>
        strength >= strongFrom && !suggestsRelative ? MatchBand.Strong : MatchBand.Possible;

    /// <param name="request">What is asked about, and why.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="checking">A subject being checked against the network (a gateway assessment, a linked
    /// subject): its own record is not a hit, and takes no share of the evidence.</param>
    public async Task<WorkResult<DeconflictionResult>> CheckAsync(DeconflictionRequest request, CancellationToken ct, Guid? checking = null)
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
            return WorkResult<DeconflictionResult>.Invalid(errors);
        }
        var now = db.Clock.GetUtcNow();
        var checkId = Guid.CreateVersion7();
        var purpose = request.Purpose!.Trim();
        var reference = CheckLogEntry.NewReference();
        if (await ReserveAsync(checkId, reference, now, purpose, ct) is { } wait)
        {
            db.Audit(AuditActions.DeconflictionThrottled, AuditOutcomes.Denied, "deconfliction-check", null, request.Purpose!.Trim(),
                $"more than {Options.ChecksPerWindow} checks in {Options.Window.TotalMinutes:0} minutes; asked: {Describe(request)}");
            await db.SaveChangesAsync(ct);
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            return WorkResult<DeconflictionResult>.TooMany(
                $"You have run {Options.ChecksPerWindow} checks in the last {Options.Window.TotalMinutes:0} minutes, the most allowed. Try again in {minutes} {(minutes == 1 ? "minute" : "minutes")}. "
                + "For many people at once, ask your unit for a bulk match.", wait);
        }

        var candidates = new List<DeconflictionCandidate>();
        var all = db.Set<Subject>().IgnoreQueryFilters().AsNoTracking().Where(s => s.MergedIntoId == null);
        // Each exact check is a join from the detail's own index to its subject (never a walk of every subject).
        async Task ExactAsync(string? value, IQueryable<Guid> found, string on, string why)
        {
            if (value is not null)
            {
                candidates.AddRange((await found.Distinct().ToListAsync(ct)).Select(id => new DeconflictionCandidate(id, on, 1, [why])));
            }
        }
        await ExactAsync(phone, all.SelectMany(s => s.Contacts, (s, c) => new { s.Id, c.Kind, c.Value }).Where(c => c.Kind == ContactKind.Phone && c.Value == phone).Select(c => c.Id),
            "phone", "phone: exact");
        await ExactAsync(vehicle, all.SelectMany(s => s.Vehicles, (s, v) => new { s.Id, v.Registration }).Where(v => v.Registration == vehicle).Select(v => v.Id),
            "vehicle", "vehicle registration: exact");
        await ExactAsync(postcode, all.SelectMany(s => s.Addresses, (s, a) => new { s.Id, a.Postcode }).Where(a => a.Postcode == postcode).Select(a => a.Id),
            "address", "postcode: exact");
        await ExactAsync(identifier, all.SelectMany(s => s.Identifiers, (s, i) => new { s.Id, i.Value }).Where(i => i.Value == identifier).Select(i => i.Id),
            "identifier", "identifier: exact");
        await ExactAsync(email, all.SelectMany(s => s.Contacts, (s, c) => new { s.Id, c.Kind, c.Value }).Where(c => c.Kind == ContactKind.Email && c.Value == email).Select(c => c.Id),
            "e-mail", "e-mail: exact");
        if (request.Person is { } query)
        {
            foreach (var matcher in personMatchers)
            {
                candidates.AddRange(await matcher.FindAsync(query, request.IncludeRelatives, ct));
            }
        }

        candidates.RemoveAll(c => c.SubjectId == checking);
        var ids = candidates.Select(c => c.SubjectId).Distinct().ToList();
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

        var labels = records.Values.ToDictionary(r => r.Id, r => new ProtectiveLabel(r.Classification, r.OfficialSensitive, r.OwningUnitId, r.Groups));
        // A record the asker may see is one hit, for its strongest reason; one they may not see is one hit
        // per thing asked about that matched it, so that hits cannot be put together into a hidden profile.
        // Possible relatives are offered only of records the asker may see: of a hidden record nothing but a match is told.
        var found = candidates.Where(c => records.ContainsKey(c.SubjectId))
            .Where(c => c.MatchedOn != "relative" || AccessPolicy.CanRead(access, labels[c.SubjectId]))
            .GroupBy(c => AccessPolicy.CanRead(access, labels[c.SubjectId]) ? (c.SubjectId, "") : (c.SubjectId, c.MatchedOn))
            // One hit for a visible record, for its strongest reason, explained by every reason (the person's first).
            .Select(g => g.Count() == 1 ? g.First() : g.OrderByDescending(c => c.Strength).First() with
            {
                Explanation = [.. g.OrderBy(c => c.MatchedOn is "person" or "relative" ? 0 : 1).SelectMany(c => c.Explanation).Distinct(StringComparer.OrdinalIgnoreCase)],
            })
            .ToList();
        var (shared, several) = ShareAmongVisiblePeople(found, c => AccessPolicy.CanRead(access, labels[c.SubjectId]));
        var hits = new List<(DeconflictionHit Hit, double Strength, int Shuffle)>();
        foreach (var candidate in found)
        {
            var record = records[candidate.SubjectId];
            var unit = units[record.OwningUnitId];
            var label = labels[record.Id];
            var visible = AccessPolicy.CanRead(access, label);
            var strength = Math.Round(shared[candidate], 3);
            // A hidden record keeps the band of its own score: nothing of its pattern is told.
            var band = candidate.MatchedOn == "relative" ? MatchBand.PossibleRelative : BandOf(shared[candidate], visible && candidate.SuggestsRelative);
            var involved = knownTo.TryGetValue(record.Id, out var phrases) ? phrases.Distinct().Order(StringComparer.Ordinal).ToList() : new List<string>();
            var hit = visible
                ? new DeconflictionHit(candidate.MatchedOn, band, strength, true, unit.Name, null,
                    new DeconflictionSubject(record.Id, record.GivenName, record.Surname, record.DateOfBirth, record.Warnings.Select(w => w.ToString()).ToList()),
                    candidate.Explanation, involved)
                : new DeconflictionHit(candidate.MatchedOn, band, null, false, unit.Name, Contact(unit), null, null, involved);
            hits.Add((hit, strength, System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue)));
            db.Audit(AuditActions.DeconflictionHit, visible ? AuditOutcomes.Success : AuditOutcomes.Denied, "subject", record.Id.ToString(), purpose,
                $"check {checkId} ({reference}); matched on {candidate.MatchedOn}; strength {strength} (on its own {Math.Round(candidate.Strength, 3)}); {band.ToString().ToLowerInvariant()}; {(visible ? "shown" : "masked")}{(involved.Count > 0 ? "; " + string.Join("; ", involved) : "")}");
            // Whoever may see the record is told (its need-to-know group, or its unit): of every masked hit,
            // in the asker's own unit too, and of a hit on another unit's record the asker shares a group with.
            if (!visible || record.OwningUnitId != access.UnitId)
            {
                inbox.Send(label, "A deconfliction check matched one of your records",
                    $"{access.DisplayName} ({access.UserName}, {access.UnitName}) ran a check that matched on {candidate.MatchedOn} ({hit.BandText}). Purpose given: \"{purpose}\". Check reference {reference}. Contact them before acting.",
                    "subject", record.Id.ToString());
            }
        }
        var masked = found.Select(c => c.SubjectId).Distinct().Where(id => !AccessPolicy.CanRead(access, labels[id])).ToList();
        foreach (var subjectId in masked)
        {
            db.Add(new MaskedHitEntry { CheckId = checkId, UserId = access.UserId!.Value, SubjectId = subjectId, At = now });
        }
        db.Audit(AuditActions.DeconflictionCheck, AuditOutcomes.Success, "deconfliction-check", checkId.ToString(), purpose,
            $"reference {reference}; asked: {Describe(request)}; {hits.Count} hits, {hits.Count(h => !h.Hit.Visible)} masked");
        await db.SaveChangesAsync(ct);
        await ReportProbesAsync(checkId, now, masked, id => labels[id], ct);
        // Visible hits by score; masked hits by what was asked, band and unit, then in an order drawn afresh
        // for every check, so that neither the order nor the position of a hit carries a score.
        var ordered = hits.Where(h => h.Hit.Visible).OrderByDescending(h => h.Strength).Select(h => h.Hit)
            .Concat(hits.Where(h => !h.Hit.Visible)
                .OrderBy(h => Array.IndexOf(AttributeOrder, h.Hit.MatchedOn)).ThenByDescending(h => h.Hit.Band)
                .ThenBy(h => h.Hit.OwningUnit, StringComparer.Ordinal).ThenBy(h => h.Shuffle).Select(h => h.Hit))
            .ToList();
        return WorkResult<DeconflictionResult>.Ok(new DeconflictionResult(checkId, ordered, reference) { SeveralPossibleMatches = several });
    }

    /// <summary>
    /// The person hits the asker may see share the evidence when they are different people: the person asked
    /// about is at most one of them, so each one's strength is its odds over one plus its own odds and those of
    /// the other people (Vigil.Matching's <c>Evidence.Share</c>), and two namesakes who fit a name alone are
    /// each below one half, neither strong: "several possible matches". Hits that resemble each other are one
    /// person held twice (what deconfliction exists to find) and do not compete. Only visible hits take part,
    /// compared only with each other: a hidden record neither lowers a visible strength nor is lowered, and
    /// keeps the band of its own score, so nothing shown moves with anything hidden.
    /// </summary>
    internal (Dictionary<DeconflictionCandidate, double> Strengths, bool SeveralPossibleMatches) ShareAmongVisiblePeople(
        IReadOnlyList<DeconflictionCandidate> found, Func<DeconflictionCandidate, bool> visible) =>
        ShareAmongPeople(found.Where(c => c.MatchedOn == "person" && visible(c)).ToList(), found, Resemblance, Options.StrongFrom);

    private double? Resemblance(Guid a, Guid b) => personMatchers.Select(m => m.Resemblance(a, b)).FirstOrDefault(r => r is not null);

    internal static (Dictionary<DeconflictionCandidate, double> Strengths, bool SeveralPossibleMatches) ShareAmongPeople(
        IReadOnlyList<DeconflictionCandidate> people, IReadOnlyList<DeconflictionCandidate> found, Func<Guid, Guid, double?> resemblance, double strongFrom)
    {
        var result = found.ToDictionary(c => c, c => c.Strength);
        if (people.Count < 2)
        {
            return (result, false);
        }

        // One person per group of hits that resemble each other.
        var group = Enumerable.Range(0, people.Count).ToArray();
        int Root(int i) => group[i] == i ? i : group[i] = Root(group[i]);
        for (var i = 0; i < people.Count; i++)
        {
            for (var j = i + 1; j < people.Count; j++)
            {
                if (resemblance(people[i].SubjectId, people[j].SubjectId) >= 0.5)
                {
                    group[Root(j)] = Root(i);
                }
            }
        }

        // A strength of 1 would be infinite odds: cap just below, where the band is strong anyway.
        var weights = people.Select(c => Vigil.Matching.Evidence.WeightOf(Math.Min(c.Strength, 0.999999))).ToList();
        var roots = people.Select((_, i) => Root(i)).Distinct().ToList();
        if (roots.Count < 2)
        {
            return (result, false);
        }

        // Each person counts once, by its strongest hit; a hit keeps its distance below that hit.
        var own = roots.Select(r => Enumerable.Range(0, people.Count).Where(i => Root(i) == r).Max(i => weights[i])).ToList();
        var shared = Vigil.Matching.Evidence.Share(own);
        var strong = false;
        for (var i = 0; i < people.Count; i++)
        {
            var p = roots.IndexOf(Root(i));
            result[people[i]] = Vigil.Matching.Evidence.Probability(shared[p] - (own[p] - weights[i]));
            strong |= result[people[i]] >= strongFrom;
        }

        return (result, !strong);
    }

    /// <summary>Writes this check to the log first, in its own transaction, and only then counts the user's
    /// checks in the window, its own and any running at the same moment included: checks sent together
    /// cannot each count fewer than the limit before any is saved. Over the limit, the reservation is taken
    /// back and the answer is how long until the oldest check in the window leaves it.</summary>
    private async Task<TimeSpan?> ReserveAsync(Guid checkId, string reference, DateTimeOffset now, string purpose, CancellationToken ct)
    {
        var me = access.UserId!.Value;
        // Saved with whatever the calling use case has pending (nothing, or an audited read): callers run the
        // check before they change anything, or inside their own transaction.
        var reservation = db.Add(new CheckLogEntry { Id = checkId, UserId = me, At = now, Purpose = purpose, Reference = reference });
        await db.SaveChangesAsync(ct);
        reservation.State = EntityState.Detached;
        var since = now - Options.Window;
        var inWindow = db.Set<CheckLogEntry>().AsNoTracking().Where(c => c.UserId == me && c.At > since);
        if (await inWindow.CountAsync(ct) <= Options.ChecksPerWindow)
        {
            return null;
        }
        await db.Set<CheckLogEntry>().Where(c => c.Id == checkId).ExecuteDeleteAsync(ct);
        var oldest = await inWindow.Where(c => c.Id != checkId).OrderByDescending(c => c.At).Select(c => c.At)
            .Skip(Options.ChecksPerWindow - 1).FirstOrDefaultAsync(ct);
        return oldest == default ? Options.Window : oldest + Options.Window - now;
    }

    /// <summary>Once this check's masked hits are saved, tells the holders of a hidden record when one
    /// user's checks have hit it <see cref="DeconflictionOptions.ProbeHits"/> times within the probe window:
    /// who checked, and the purposes they gave. Counted after saving, so checks sent together are all
    /// counted; the report is claimed by a conditional update, so it goes out once (on PostgreSQL, two
    /// checks finishing at the same instant may both claim it: twice, never not at all).</summary>
    private async Task ReportProbesAsync(Guid checkId, DateTimeOffset now, List<Guid> masked, Func<Guid, ProtectiveLabel> labelOf, CancellationToken ct)
    {
        if (masked.Count == 0)
        {
            return;
        }
        var me = access.UserId!.Value;
        var since = now - Options.ProbeWindow;
        var hits = db.Set<MaskedHitEntry>().AsNoTracking().Where(h => h.UserId == me && h.At > since);
        var counts = await hits.Where(h => masked.Contains(h.SubjectId))
            .GroupBy(h => h.SubjectId)
            .Select(g => new { g.Key, Count = g.Count(), Reported = g.Any(h => h.ProbeReported) })
            .ToListAsync(ct);
        var told = false;
        foreach (var probe in counts.Where(c => c.Count >= Options.ProbeHits && !c.Reported))
        {
            var subjectId = probe.Key;
            var claimed = await db.Set<MaskedHitEntry>()
                .Where(h => h.CheckId == checkId && h.SubjectId == subjectId
                    && !db.Set<MaskedHitEntry>().Any(o => o.UserId == me && o.SubjectId == subjectId && o.At > since && o.ProbeReported))
                .ExecuteUpdateAsync(u => u.SetProperty(h => h.ProbeReported, true), ct);
            if (claimed == 0)
            {
                continue;
            }
            var purposes = (await hits.Where(h => h.SubjectId == subjectId)
                .Join(db.Set<CheckLogEntry>().AsNoTracking(), h => h.CheckId, c => c.Id, (h, c) => c.Purpose).ToListAsync(ct))
                .Distinct(StringComparer.Ordinal).Select(p => $"\"{p}\"");
            inbox.Send(labelOf(subjectId), "Possible probe: repeated checks matched one of your records",
                $"{access.DisplayName} ({access.UserName}, {access.UnitName}) has run {probe.Count} checks in the last {Options.ProbeWindow.TotalMinutes:0} minutes that matched this record, which they cannot see. "
                + $"Purposes given: {string.Join("; ", purposes)}. If this is not expected, speak to them or to professional standards.",
                "subject", subjectId.ToString());
            db.Audit(AuditActions.DeconflictionProbe, AuditOutcomes.Denied, "subject", subjectId.ToString(), detail: $"{probe.Count} masked hits by {access.UserName} within {Options.ProbeWindow.TotalMinutes:0} minutes; holders told");
            told = true;
        }
        if (told)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private static string Contact(Network.Unit unit) =>
        string.Join(", ", new[] { unit.ContactEmail, unit.ContactPhone }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static string Describe(DeconflictionRequest r) => string.Join("; ", new[]
    {
        r.Person is { } p ? $"person {p.GivenName} {p.Surname} {p.DateOfBirth} {p.Gender} {p.Postcode}".TrimEnd() : null,
        r.Phone is null ? null : $"phone {r.Phone}",
        r.Vehicle is null ? null : $"vehicle {r.Vehicle}",
        r.Postcode is null ? null : $"postcode {r.Postcode}",
        r.Identifier is null ? null : $"identifier {r.Identifier}",
        r.Email is null ? null : $"e-mail {r.Email}",
        r.IncludeRelatives ? "relatives too" : null,
    }.Where(s => s is not null));
}

/// <summary>Finds people who may be the one described: implemented by the matching index.</summary>
public interface IPersonMatcher
{
    /// <summary>Candidates for the person described: "person" at the match threshold and above; with
    /// <paramref name="includeRelatives"/>, also "relative" below it where the comparison suggests a relative.</summary>
    Task<IReadOnlyList<DeconflictionCandidate>> FindAsync(PersonQuery query, bool includeRelatives, CancellationToken ct);

    /// <summary>The probability that two subjects are one person, or null when the matcher cannot say.</summary>
    double? Resemblance(Guid a, Guid b);
}
