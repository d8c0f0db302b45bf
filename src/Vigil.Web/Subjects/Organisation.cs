using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects;

/// <summary>An organisation (a group, company, charity, online community) that subjects are linked to.
/// A protected record like a subject.</summary>
public sealed class Organisation : IProtectedRecord, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string Kind { get; set; } = "";
    public string Summary { get; set; } = "";
    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string AuditRecordType => "organisation";
    public string AuditRecordId => Id.ToString();
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(300);
        b.Property(o => o.Kind).HasMaxLength(100);
        b.Property(o => o.Summary).HasMaxLength(4000);
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(o => o.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.Name);
    }
}

public sealed record OrganisationRequest(
    [property: Required(ErrorMessage = "Enter the organisation's name"), StringLength(300, ErrorMessage = "Name must be 300 characters or fewer")] string? Name,
    [property: StringLength(100)] string? Kind,
    [property: StringLength(4000)] string? Summary,
    [property: Required(ErrorMessage = "Choose a classification")] Classification? Classification,
    bool OfficialSensitive = false,
    List<Guid>? NeedToKnowGroups = null);

public sealed record OrganisationDto(Guid Id, string Name, string Kind, string Summary, Classification Classification, bool OfficialSensitive, string OwningUnit, DateTimeOffset UpdatedAt);

/// <summary>Organisations: create, read (audited), search.</summary>
public sealed class OrganisationRecords(VigilDb db, AccessContext access)
{
    public async Task<Paged<OrganisationDto>> SearchAsync(string? name, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var query = db.Set<Organisation>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(name))
        {
            var term = name.Trim().ToLowerInvariant();
            query = query.Where(o => o.Name.ToLower().Contains(term));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(o => o.Name).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "organisation", null, detail: $"name \"{name}\"; page {p}; {items.Count} of {total}");
        await db.SaveChangesAsync(ct);
        var units = await UnitNamesAsync(items.Select(o => o.OwningUnitId), ct);
        return new Paged<OrganisationDto>(items.Select(o => ToDto(o, units)).ToList(), p, size, total);
    }

    public async Task<OrganisationDto?> ReadAsync(Guid id, string? purpose, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            await db.RecordMissAsync<Organisation>(o => o.Id == id, "organisation", id.ToString(), ct: ct);
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "organisation", id.ToString(), purpose);
        await db.SaveChangesAsync(ct);
        return ToDto(organisation, await UnitNamesAsync([organisation.OwningUnitId], ct));
    }

    public async Task<(OrganisationDto? Created, Dictionary<string, string[]> Errors)> CreateAsync(OrganisationRequest request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        if (!access.Roles.Any(Roles.SubjectWriters.Contains))
        {
            ApiValidation.Add(errors, "", "Your roles do not allow you to record organisations.");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        if (access.UnitId is not { } unit)
        {
            ApiValidation.Add(errors, nameof(OrganisationRequest.Classification), "Only officers of a unit can own records");
            return (null, errors);
        }
        var label = new ProtectiveLabel(request.Classification!.Value, request.OfficialSensitive, unit, (request.NeedToKnowGroups ?? []).Distinct().ToList());
        if (AccessPolicy.LabelRefusal(access, label) is { } refusal)
        {
            ApiValidation.Add(errors, refusal.Contains("groups", StringComparison.Ordinal) ? nameof(OrganisationRequest.NeedToKnowGroups) : nameof(OrganisationRequest.Classification), refusal);
            return (null, errors);
        }
        var now = db.Clock.GetUtcNow();
        var organisation = new Organisation
        {
            Name = request.Name!.Trim(), Kind = request.Kind?.Trim() ?? "", Summary = request.Summary?.Trim() ?? "",
            Classification = label.Classification, OfficialSensitive = label.OfficialSensitive, OwningUnitId = unit,
            NeedToKnow = label.Groups.Select(g => new RecordGroup { GroupId = g }).ToList(), CreatedAt = now, UpdatedAt = now,
        };
        db.Add(organisation);
        await db.SaveChangesAsync(ct);
        return (ToDto(organisation, await UnitNamesAsync([unit], ct)), errors);
    }

    private Task<Dictionary<Guid, string>> UnitNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return db.Set<Network.Unit>().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    private static OrganisationDto ToDto(Organisation o, Dictionary<Guid, string> units) =>
        new(o.Id, o.Name, o.Kind, o.Summary, o.Classification, o.OfficialSensitive, units.GetValueOrDefault(o.OwningUnitId, ""), o.UpdatedAt);

    public static IEndpointRouteBuilder MapApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organisations").RequireAuthorization(SecuritySetup.ApiPolicy).WithTags("Subjects");
        api.MapGet("/", async (string? name, int? page, int? pageSize, OrganisationRecords records, CancellationToken ct) =>
            TypedResults.Ok(await records.SearchAsync(name, page, pageSize, ct)))
            .WithSummary("The organisations you may see, by name, paged");
        api.MapGet("/{id:guid}", async Task<Results<Ok<OrganisationDto>, NotFound>> (Guid id, string? purpose, OrganisationRecords records, CancellationToken ct) =>
            await records.ReadAsync(id, purpose, ct) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound())
            .WithSummary("One organisation");
        api.MapPost("/", async Task<Results<Created<OrganisationDto>, ValidationProblem>> (OrganisationRequest request, OrganisationRecords records, CancellationToken ct) =>
        {
            var (created, errors) = await records.CreateAsync(request, ct);
            return created is null ? TypedResults.ValidationProblem(errors) : TypedResults.Created($"/api/v1/organisations/{created.Id}", created);
        }).RequireAuthorization(p => p.RequireRole(Roles.SubjectWriters))
            .WithSummary("Record an organisation, labelled as any protected record");
        return app;
    }
}
