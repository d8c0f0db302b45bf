using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Network;

public sealed record ForceDto(Guid Id, string Name, bool IsLeadForce);
public sealed record UnitDto(string Code, string Name, UnitKind Kind, string? ParentCode, string ContactEmail, string ContactPhone, IReadOnlyList<ForceDto> Forces);
public sealed record PartnerDto(string Code, string Name, PartnerKind Kind, string ContactEmail);

/// <summary>What an administrator may change about a unit: its name and how to contact it.</summary>
public sealed record UpdateUnit(
    [property: Required(ErrorMessage = "Enter the unit's name"), StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")] string Name,
    [property: EmailAddress(ErrorMessage = "Enter a contact e-mail in the correct format, like duty@example.org"), StringLength(256)] string? ContactEmail,
    [property: StringLength(64, ErrorMessage = "Phone must be 64 characters or fewer")] string? ContactPhone);

public sealed record UpdatePartner(
    [property: Required(ErrorMessage = "Enter the agency's name"), StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")] string Name,
    [property: EmailAddress(ErrorMessage = "Enter a contact e-mail in the correct format, like duty@example.org"), StringLength(256)] string? ContactEmail);

/// <summary>The network's reference data: units, forces and partner agencies. Everyone signed in may
/// read it (it is how a user finds whom to contact); administrators change it, audited.</summary>
public static class NetworkModule
{
    public static WebApplicationBuilder AddNetwork(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<NetworkQueries>()
            .AddScoped<IOrganisationDirectory, NetworkDirectory>()
            .AddScoped<ISeed, NetworkSeed>()
            .AddNavigation("/network", "Network", 50)
            .AddAuditRecordTypes(("unit", "Unit"), ("force", "Force"), ("partner-agency", "Partner agency"))
            .AddHomePanel<Pages.NetworkHomePanel>(80);
        return builder;
    }

    public static IEndpointRouteBuilder MapNetwork(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/network").RequireAuthorization(SecuritySetup.ApiPolicy).WithTags("Network");
        api.MapGet("/units", async (NetworkQueries q, CancellationToken ct) => TypedResults.Ok(await q.UnitsAsync(ct)))
            .WithSummary("The network's units: regional units, the national headquarters and operations centre");
        api.MapGet("/units/{code}", async Task<Results<Ok<UnitDto>, NotFound>> (string code, NetworkQueries q, CancellationToken ct) =>
            await q.UnitAsync(code, ct) is { } unit ? TypedResults.Ok(unit) : TypedResults.NotFound())
            .WithSummary("One unit, with its forces");
        api.MapPut("/units/{code}", async Task<Results<Ok<UnitDto>, NotFound, ValidationProblem>> (string code, UpdateUnit request, NetworkQueries q, CancellationToken ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }
            return await q.UpdateUnitAsync(code, request, ct) ? TypedResults.Ok((await q.UnitAsync(code, ct))!) : TypedResults.NotFound();
        }).RequireAuthorization(p => p.RequireRole(Roles.Administrator))
            .WithSummary("Change a unit's details (administrators)");
        api.MapGet("/partners", async (NetworkQueries q, CancellationToken ct) => TypedResults.Ok(await q.PartnersAsync(ct)))
            .WithSummary("The partner agencies (MI5, the CPS, local authorities...)");
        api.MapPut("/partners/{code}", async Task<Results<Ok<PartnerDto>, NotFound, ValidationProblem>> (string code, UpdatePartner request, NetworkQueries q, CancellationToken ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }
            return await q.UpdatePartnerAsync(code, request, ct) is { } partner ? TypedResults.Ok(partner) : TypedResults.NotFound();
        }).RequireAuthorization(p => p.RequireRole(Roles.Administrator))
            .WithSummary("Change a partner agency's details (administrators)");
        return app;
    }
}

public sealed class NetworkQueries(VigilDb db)
{
    public async Task<List<UnitDto>> UnitsAsync(CancellationToken ct)
    {
        var units = await db.Set<Unit>().AsNoTracking().Include(u => u.Forces).Include(u => u.ParentUnit).ToListAsync(ct);
        return units.OrderBy(u => u.Kind).ThenBy(u => u.Name).Select(ToDto).ToList();
    }

    public async Task<UnitDto?> UnitAsync(string code, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().AsNoTracking().Include(u => u.Forces).Include(u => u.ParentUnit).FirstOrDefaultAsync(u => u.Code == code, ct);
        return unit is null ? null : ToDto(unit);
    }

    public async Task<bool> UpdateUnitAsync(string code, UpdateUnit request, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().FirstOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null)
        {
            return false;
        }
        unit.Name = request.Name.Trim();
        unit.ContactEmail = request.ContactEmail?.Trim() ?? "";
        unit.ContactPhone = request.ContactPhone?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<List<PartnerDto>> PartnersAsync(CancellationToken ct) =>
        (await db.Set<PartnerAgency>().AsNoTracking().ToListAsync(ct)).OrderBy(p => p.Name)
            .Select(p => new PartnerDto(p.Code, p.Name, p.Kind, p.ContactEmail)).ToList();

    public async Task<PartnerDto?> UpdatePartnerAsync(string code, UpdatePartner request, CancellationToken ct)
    {
        var partner = await db.Set<PartnerAgency>().FirstOrDefaultAsync(p => p.Code == code, ct);
        if (partner is null)
        {
            return null;
        }
        partner.Name = request.Name.Trim();
        partner.ContactEmail = request.ContactEmail?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        return new PartnerDto(partner.Code, partner.Name, partner.Kind, partner.ContactEmail);
    }

    private static UnitDto ToDto(Unit u) => new(u.Code, u.Name, u.Kind, u.ParentUnit?.Code, u.ContactEmail, u.ContactPhone,
        u.Forces.OrderBy(f => f.Name).Select(f => new ForceDto(f.Id, f.Name, f.Id == u.LeadForceId)).ToList());
}
