using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Places;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Protect;

public sealed record SiteRequest(
    [property: Required(ErrorMessage = "Enter the site's name"), StringLength(200, ErrorMessage = "The name must be 200 characters or fewer")] string? Name,
    [property: Required(ErrorMessage = "Enter the site's address"), StringLength(500, ErrorMessage = "The address must be 500 characters or fewer")] string? Address,
    [property: Required(ErrorMessage = "Enter the site's postcode"), StringLength(16)] string? Postcode,
    [property: Required(ErrorMessage = "Choose the sector")] string? Sector,
    SiteKind? Kind,
    int? Capacity,
    bool EntryChecks,
    [property: StringLength(200, ErrorMessage = "The owner must be 200 characters or fewer")] string? OwnerName,
    [property: StringLength(200, ErrorMessage = "The responsible person must be 200 characters or fewer")] string? ResponsiblePerson,
    [property: StringLength(254, ErrorMessage = "The contact must be 254 characters or fewer")] string? ResponsibleContact,
    [property: StringLength(200, ErrorMessage = "The designated senior individual must be 200 characters or fewer")] string? DesignatedSeniorIndividual,
    DateOnly? SiaNotifiedOn,
    [property: StringLength(40, ErrorMessage = "The version must be 40 characters or fewer")] string? SecurityDocumentVersion,
    DateOnly? SecurityDocumentDate,
    [property: StringLength(40, ErrorMessage = "The version must be 40 characters or fewer")] string? RiskAssessmentVersion,
    DateOnly? RiskAssessmentDate,
    Guid? Version = null,
    Classification? Classification = null);

public sealed record RecommendationRequest(
    [property: Required(ErrorMessage = "Enter the recommendation"), StringLength(2000, ErrorMessage = "The recommendation must be 2,000 characters or fewer")] string? Text,
    RecommendationPriority? Priority,
    [property: Required(ErrorMessage = "Enter who at the site owns it"), StringLength(200, ErrorMessage = "The owner must be 200 characters or fewer")] string? OwnerAtSite,
    DateOnly? DueOn);

public sealed record AssessmentRequest(
    DateOnly? VisitedOn,
    [property: StringLength(4000, ErrorMessage = "Deter must be 4,000 characters or fewer")] string? Deter,
    [property: StringLength(4000, ErrorMessage = "Detect must be 4,000 characters or fewer")] string? Detect,
    [property: StringLength(4000, ErrorMessage = "Delay must be 4,000 characters or fewer")] string? Delay,
    [property: StringLength(4000, ErrorMessage = "Respond must be 4,000 characters or fewer")] string? Respond,
    DateOnly? NextVisitDue,
    [property: MaxLength(20, ErrorMessage = "Record 20 recommendations at most in one assessment")] List<RecommendationRequest>? Recommendations,
    Guid? Version = null);

public sealed record CompleteRecommendation(
    [property: Required(ErrorMessage = "Enter the evidence that it is done"), StringLength(2000, ErrorMessage = "The evidence must be 2,000 characters or fewer")] string? Evidence,
    Guid? Version = null);

public sealed record SiteSummary(Guid Id, string Name, string Postcode, string Sector, int Capacity, MartynsLawTier Tier, string Adviser, int OpenRecommendations, int Overdue, DateOnly? NextVisitDue);

public sealed record AssessmentDto(int Number, DateOnly VisitedOn, string Adviser, string Deter, string Detect, string Delay, string Respond, DateOnly? NextVisitDue);

public sealed record RecommendationDto(int Number, int AssessmentNumber, string Text, RecommendationPriority Priority, string OwnerAtSite, DateOnly DueOn,
    RecommendationStatus Status, bool Overdue, string Evidence, DateOnly? CompletedOn, string CompletedBy);

public sealed record SiteDto(Guid Id, string Name, string Address, string Postcode, string Sector, string SectorName, SiteKind Kind, int Capacity, bool EntryChecks,
    MartynsLawTier Tier, Classification Classification, string OwnerName, string ResponsiblePerson, string ResponsibleContact, string DesignatedSeniorIndividual, DateOnly? SiaNotifiedOn,
    string SecurityDocumentVersion, DateOnly? SecurityDocumentDate, string RiskAssessmentVersion, DateOnly? RiskAssessmentDate, IReadOnlyList<string> MissingEvidence,
    string Adviser, string Unit, IReadOnlyList<AssessmentDto> Assessments, IReadOnlyList<RecommendationDto> Recommendations, bool MayEdit, Guid Version);

/// <summary>What waits for a CTSA: sites whose next visit is due (or was never made) and recommendations overdue.</summary>
public sealed record AdviserWork(IReadOnlyList<SiteSummary> VisitsDue, IReadOnlyList<(SiteSummary Site, RecommendationDto Recommendation)> Overdue);

/// <summary>
/// The Protect register: sites the user may see (through the record filter; a hidden site answers as a missing
/// one), recorded and kept by their unit's CTSAs; assessments with their recommendations, saved together; a
/// recommendation completed with its evidence; the adviser's queue.
/// </summary>
public sealed class SiteRegister(VigilDb db, AccessContext access, IOrganisationDirectory directory)
{
    public static bool Advises(AccessContext access) => access.IsInRole(Roles.SecurityAdviser) && access.UnitId is not null && access.PartnerAgencyId is null;

    public static bool Reads(AccessContext access) => Platform.Ui.Contributions.IsUnitOfficer(access);

    private bool MayEdit(ProtectSite site) => Advises(access) && access.UnitId == site.OwningUnitId;

    private DateOnly Today => DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);

    public async Task<Paged<SiteSummary>> ListAsync(string? q, MartynsLawTier? tier, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var sites = db.Set<ProtectSite>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            sites = sites.Where(s => s.Name.Contains(text) || s.Postcode.StartsWith(text.ToUpper()));
        }
        if (tier is { } wanted)
        {
            sites = sites.Where(ProtectSite.InTier(wanted));
        }
        var (total, more) = await Paging.CountUpToLimitAsync(sites, ct);
        var found = await sites.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "protect-site",
            detail: $"the site register{(string.IsNullOrWhiteSpace(q) ? "" : ": " + ApiValidation.Visible(q.Trim()))}, {found.Count} shown: {string.Join(",", found.Select(s => s.Id))}");
        await db.SaveChangesAsync(ct);
        return new([.. found.Select(Summary)], p, size, total, more);
    }

    /// <summary>Who may choose from every unit's sites (names and places only): the operations centre, deploying
    /// military support to guard them.</summary>
    public static bool ReadsTheNationalDirectory(AccessContext access) =>
        access.PartnerAgencyId is null && (access.IsInRole(Roles.OperationsCoordinator) || access.IsInRole(Roles.NationalDutyOfficer));

    /// <summary>Every site's name and postcode across the network, for the operations centre to deploy support to
    /// (audited); nothing else of the sites' records. Empty for anyone else.</summary>
    public async Task<IReadOnlyList<SiteSummary>> NationalDirectoryAsync(CancellationToken ct)
    {
        if (!ReadsTheNationalDirectory(access))
        {
            return [];
        }
        var sites = await db.Set<ProtectSite>().IgnoreQueryFilters().AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).Take(2000)
            .Select(s => new SiteSummary(s.Id, s.Name, s.Postcode, "", 0, MartynsLawTier.NotInScope, "", 0, 0, null)).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "protect-site", detail: "the national directory of sites (names and postcodes), for military support");
        await db.SaveChangesAsync(ct);
        return sites;
    }

    public async Task<AdviserWork> QueueAsync(CancellationToken ct)
    {
        if (access.UserId is not { } me)
        {
            return new([], []);
        }
        var today = Today;
        var mine = await db.Set<ProtectSite>().AsNoTracking().Where(s => s.AdviserId == me).OrderBy(s => s.Name).Take(500).ToListAsync(ct);
        var due = mine.Where(s => s.NextVisitDue is null || s.NextVisitDue <= today.AddDays(30)).Select(Summary).OrderBy(s => s.NextVisitDue ?? DateOnly.MinValue).ToList();
        var overdue = mine.SelectMany(s => s.Recommendations.Where(r => r.IsOverdue(today)).Select(r => (Summary(s), Dto(r, today)))).OrderBy(x => x.Item2.DueOn).ToList();
        return new(due, overdue);
    }

    public async Task<SiteDto?> ReadAsync(Guid id, CancellationToken ct)
    {
        var site = await db.FindVisibleAsync<ProtectSite>(id, "protect-site", track: false, ct);
        if (site is null)
        {
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "protect-site", id.ToString());
        await db.SaveChangesAsync(ct);
        return await DtoAsync(site, ct);
    }

    public async Task<WorkResult<SiteDto>> CreateAsync(SiteRequest request, CancellationToken ct)
    {
        if (!Advises(access))
        {
            db.Audit(AuditActions.Create, AuditOutcomes.Denied, "protect-site", detail: "not a CTSA");
            await db.SaveChangesAsync(ct);
            return WorkResult<SiteDto>.Forbidden("Sites are recorded by Counter Terrorism Security Advisers");
        }
        var errors = Validate(request);
        CheckLabel(errors, request, access.UnitId!.Value);
        if (errors.Count > 0)
        {
            return WorkResult<SiteDto>.Invalid(errors);
        }
        var site = new ProtectSite { OwningUnitId = access.UnitId!.Value, AdviserId = access.UserId, Adviser = Who };
        Apply(site, request);
        db.Add(site);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "protect-site", site.Id.ToString(), detail: $"{site.Name}: {ProtectReferenceData.TierName(site.Tier)}");
        await db.SaveChangesAsync(ct);
        return WorkResult<SiteDto>.Ok(await DtoAsync(site, ct));
    }

    public Task<WorkResult<SiteDto>> UpdateAsync(Guid id, SiteRequest request, CancellationToken ct)
    {
        var errors = Validate(request);
        if (access.UnitId is { } unit)
        {
            CheckLabel(errors, request, unit);
        }
        return errors.Count > 0 ? Task.FromResult(WorkResult<SiteDto>.Invalid(errors)) : ChangeAsync(id, request.Version, site =>
        {
            Apply(site, request);
            return $"updated: {ProtectReferenceData.TierName(site.Tier)}";
        }, ct);
    }

    public Task<WorkResult<SiteDto>> AssessAsync(Guid id, AssessmentRequest request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        var today = Today;
        if (request.VisitedOn is not { } visited)
        {
            ApiValidation.Add(errors, nameof(request.VisitedOn), "Enter the date of the visit");
        }
        else if (visited > today)
        {
            ApiValidation.Add(errors, nameof(request.VisitedOn), "The date of the visit must be today or in the past");
        }
        if (request.NextVisitDue is { } next && request.VisitedOn is { } on && next <= on)
        {
            ApiValidation.Add(errors, nameof(request.NextVisitDue), "The next visit must be after this one");
        }
        if (new[] { request.Deter, request.Detect, request.Delay, request.Respond }.All(string.IsNullOrWhiteSpace))
        {
            ApiValidation.Add(errors, nameof(request.Deter), "Record what you found under at least one of deter, detect, delay and respond");
        }
        foreach (var (r, i) in (request.Recommendations ?? []).Select((r, i) => (r, i)))
        {
            foreach (var (field, messages) in ApiValidation.Validate(r ?? new(null, null, null, null)))
            {
                errors[$"Recommendations[{i}].{field}"] = messages;
            }
            if (r?.Priority is null)
            {
                ApiValidation.Add(errors, $"Recommendations[{i}].Priority", "Choose the recommendation's priority");
            }
            if (r?.DueOn is not { } due)
            {
                ApiValidation.Add(errors, $"Recommendations[{i}].DueOn", "Enter the date the recommendation is due");
            }
            else if (request.VisitedOn is { } visit && due < visit)
            {
                ApiValidation.Add(errors, $"Recommendations[{i}].DueOn", "The due date must be on or after the date of the visit");
            }
        }
        if (errors.Count > 0)
        {
            return Task.FromResult(WorkResult<SiteDto>.Invalid(errors));
        }
        return ChangeAsync(id, request.Version, site =>
        {
            var number = site.Assessments.Select(a => a.Number).DefaultIfEmpty().Max() + 1;
            site.Assessments.Add(new()
            {
                Number = number, VisitedOn = request.VisitedOn!.Value, Adviser = Who, Deter = request.Deter?.Trim() ?? "", Detect = request.Detect?.Trim() ?? "",
                Delay = request.Delay?.Trim() ?? "", Respond = request.Respond?.Trim() ?? "", NextVisitDue = request.NextVisitDue,
            });
            var next = site.Recommendations.Select(r => r.Number).DefaultIfEmpty().Max();
            foreach (var r in request.Recommendations ?? [])
            {
                site.Recommendations.Add(new()
                {
                    Number = ++next, AssessmentNumber = number, Text = r.Text!.Trim(), Priority = r.Priority!.Value, OwnerAtSite = r.OwnerAtSite!.Trim(), DueOn = r.DueOn!.Value,
                });
            }
            return $"assessment {number} recorded with {(request.Recommendations ?? []).Count} recommendations";
        }, ct);
    }

    public Task<WorkResult<SiteDto>> CompleteAsync(Guid id, int number, CompleteRecommendation request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        return errors.Count > 0 ? Task.FromResult(WorkResult<SiteDto>.Invalid(errors)) : ChangeAsync(id, request.Version, site =>
        {
            if (site.WhyNotComplete(number) is { } refusal)
            {
                return refusal;
            }
            var r = site.Recommendations.First(r => r.Number == number);
            r.Status = RecommendationStatus.Done;
            r.Evidence = request.Evidence!.Trim();
            r.CompletedOn = Today;
            r.CompletedBy = Who;
            return $"recommendation {number} done";
        }, ct);
    }

    private string Who => access.DisplayName ?? access.UserName ?? "";

    /// <summary>Finds the site through the filter (hidden answers as missing), checks the reader keeps it and the
    /// version they read, makes the change (or learns why not), audits and saves once.</summary>
    private async Task<WorkResult<SiteDto>> ChangeAsync(Guid id, Guid? version, Func<ProtectSite, object> change, CancellationToken ct)
    {
        var site = await db.FindVisibleAsync<ProtectSite>(id, "protect-site", track: true, ct);
        if (site is null)
        {
            return WorkResult<SiteDto>.Missing();
        }
        if (!MayEdit(site))
        {
            db.Audit(AuditActions.Update, AuditOutcomes.Denied, "protect-site", id.ToString(), detail: "not a CTSA of the site's unit");
            await db.SaveChangesAsync(ct);
            return WorkResult<SiteDto>.Forbidden("Only a CTSA of the site's unit changes its record");
        }
        if (version is not null && version != site.Version)
        {
            return WorkResult<SiteDto>.Conflict("Someone else changed the site since you opened it: look again and try again");
        }
        switch (change(site))
        {
            case Refusal refusal:
                return WorkResult<SiteDto>.Refused(refusal);
            case string what:
                site.Version = Guid.NewGuid();
                db.Audit(AuditActions.Update, AuditOutcomes.Success, "protect-site", id.ToString(), detail: what);
                await db.SaveChangesAsync(ct);
                return WorkResult<SiteDto>.Ok(await DtoAsync(site, ct));
            default:
                throw new InvalidOperationException("A change answers with what it did or a refusal");
        }
    }

    /// <summary>Most sites are OFFICIAL; a CTSA may mark one higher, up to their own clearance.</summary>
    private void CheckLabel(Dictionary<string, string[]> errors, SiteRequest request, Guid unit)
    {
        if (!ApiValidation.IsNamed(request.Classification))
        {
            ApiValidation.Add(errors, nameof(request.Classification), "Choose OFFICIAL, SECRET or TOP SECRET");
        }
        else if (AccessPolicy.LabelRefusal(access, new ProtectiveLabel(request.Classification ?? Classification.Official, false, unit, [])) is { } refusal)
        {
            ApiValidation.Add(errors, nameof(request.Classification), refusal);
        }
    }

    private static Dictionary<string, string[]> Validate(SiteRequest request)
    {
        var errors = ApiValidation.Validate(request);
        if (!string.IsNullOrWhiteSpace(request.Postcode) && Postcodes.Normalise(request.Postcode) is null)
        {
            ApiValidation.Add(errors, nameof(request.Postcode), "Enter a real postcode, like M1 1AE");
        }
        if (request.Sector is { } sector && !ProtectReferenceData.IsSector(sector))
        {
            ApiValidation.Add(errors, nameof(request.Sector), "Choose the sector from the list");
        }
        if (request.Kind is null || !Enum.IsDefined(request.Kind.Value))
        {
            ApiValidation.Add(errors, nameof(request.Kind), "Choose whether it is premises or an event");
        }
        if (request.Capacity is not { } capacity)
        {
            ApiValidation.Add(errors, nameof(request.Capacity), "Enter the most people the site holds");
        }
        else if (capacity <= 0)
        {
            ApiValidation.Add(errors, nameof(request.Capacity), "The capacity must be 1 or more");
        }
        else if (capacity > 1_000_000)
        {
            ApiValidation.Add(errors, nameof(request.Capacity), "The capacity must be 1,000,000 or fewer");
        }
        return errors;
    }

    private static void Apply(ProtectSite site, SiteRequest r)
    {
        site.Name = r.Name!.Trim();
        site.Address = r.Address!.Trim();
        site.Postcode = Postcodes.Normalise(r.Postcode)!;
        site.Sector = r.Sector!;
        site.Kind = r.Kind!.Value;
        site.Capacity = r.Capacity!.Value;
        site.EntryChecks = r.EntryChecks;
        site.OwnerName = r.OwnerName?.Trim() ?? "";
        site.ResponsiblePerson = r.ResponsiblePerson?.Trim() ?? "";
        site.ResponsibleContact = r.ResponsibleContact?.Trim() ?? "";
        site.DesignatedSeniorIndividual = r.DesignatedSeniorIndividual?.Trim() ?? "";
        site.SiaNotifiedOn = r.SiaNotifiedOn;
        site.SecurityDocumentVersion = r.SecurityDocumentVersion?.Trim() ?? "";
        site.SecurityDocumentDate = r.SecurityDocumentDate;
        site.RiskAssessmentVersion = r.RiskAssessmentVersion?.Trim() ?? "";
        site.RiskAssessmentDate = r.RiskAssessmentDate;
        site.Classification = r.Classification ?? Classification.Official;
    }

    private SiteSummary Summary(ProtectSite s)
    {
        var today = Today;
        return new(s.Id, s.Name, s.Postcode, ProtectReferenceData.SectorName(s.Sector), s.Capacity, s.Tier, s.Adviser,
            s.Recommendations.Count(r => r.Status is RecommendationStatus.Open or RecommendationStatus.InProgress), s.Recommendations.Count(r => r.IsOverdue(today)), s.NextVisitDue);
    }

    private static RecommendationDto Dto(Recommendation r, DateOnly today) =>
        new(r.Number, r.AssessmentNumber, r.Text, r.Priority, r.OwnerAtSite, r.DueOn, r.Status, r.IsOverdue(today), r.Evidence, r.CompletedOn, r.CompletedBy);

    private async Task<SiteDto> DtoAsync(ProtectSite s, CancellationToken ct)
    {
        var today = Today;
        var unit = (await directory.UnitsAsync(ct)).FirstOrDefault(u => u.Id == s.OwningUnitId)?.Name ?? "";
        return new(s.Id, s.Name, s.Address, s.Postcode, s.Sector, ProtectReferenceData.SectorName(s.Sector), s.Kind, s.Capacity, s.EntryChecks, s.Tier, s.Classification, s.OwnerName,
            s.ResponsiblePerson, s.ResponsibleContact, s.DesignatedSeniorIndividual, s.SiaNotifiedOn, s.SecurityDocumentVersion, s.SecurityDocumentDate,
            s.RiskAssessmentVersion, s.RiskAssessmentDate, s.MissingEvidence(), s.Adviser, unit,
            [.. s.Assessments.OrderByDescending(a => a.Number).Select(a => new AssessmentDto(a.Number, a.VisitedOn, a.Adviser, a.Deter, a.Detect, a.Delay, a.Respond, a.NextVisitDue))],
            [.. s.Recommendations.OrderBy(r => r.Number).Select(r => Dto(r, today))], MayEdit(s), s.Version);
    }
}
