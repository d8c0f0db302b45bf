using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

public sealed record UserSummary(Guid Id, string Email, string DisplayName, string? Organisation, Classification Clearance,
    IReadOnlyList<string> Roles, IReadOnlyList<Guid> Groups, bool IsDisabled, bool TwoFactorEnabled, bool LockedOut);

/// <summary>What an administrator sets on an account. Units and agencies are given by code.</summary>
public sealed record UserChange
{
    [Required(ErrorMessage = "Enter the person's name"), StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
    public string? DisplayName { get; init; }
    public string? UnitCode { get; init; }
    public string? PartnerCode { get; init; }
    [Required(ErrorMessage = "Choose a clearance")]
    public Classification? Clearance { get; init; }
    public List<string>? Roles { get; init; }
    public List<Guid>? Groups { get; init; }
    public bool IsDisabled { get; init; }
}

public sealed record NewUser
{
    [Required(ErrorMessage = "Enter an email address"), EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org"), StringLength(256)]
    public string? Email { get; init; }
    [Required(ErrorMessage = "Enter an initial password")]
    public string? Password { get; init; }
    public required UserChange Details { get; init; }
}

/// <summary>Administrators manage accounts: unit, clearance, roles and need-to-know groups. Every change
/// is audited; nobody changes their own clearance, unit, roles or groups (another administrator must).</summary>
public sealed class UserAdministration(VigilDb db, UserManager<VigilUser> users, AccessContext access, IOrganisationDirectory directory)
{
    public async Task<Paged<UserSummary>> ListAsync(string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(u => u.Email!.ToLower().Contains(term) || u.DisplayName.ToLower().Contains(term));
        }
        var total = await query.CountAsync(ct);
        var ids = await query.OrderBy(u => u.DisplayName).Skip((p - 1) * size).Take(size).Select(u => u.Id).ToListAsync(ct);
        var items = new List<UserSummary>();
        foreach (var id in ids)
        {
            items.Add((await GetAsync(id, ct))!);
        }
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "user", null, detail: $"search \"{search}\"; page {p}; {total} matched");
        await db.SaveChangesAsync(ct);
        return new Paged<UserSummary>(items, p, size, total);
    }

    public async Task<UserSummary?> GetAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }
        var roles = await db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(ct);
        var groups = await db.GroupMemberships.Where(m => m.UserId == id).Select(m => m.GroupId).ToListAsync(ct);
        var organisation = (await directory.OfAsync(user.UnitId, user.PartnerAgencyId, ct))?.Code;
        return new UserSummary(user.Id, user.Email!, user.DisplayName, organisation, user.Clearance, roles.Order().ToList(), groups,
            user.IsDisabled, user.TwoFactorEnabled, user.LockoutEnd > db.Clock.GetUtcNow());
    }

    public async Task<(UserSummary? User, Dictionary<string, string[]> Errors)> CreateAsync(NewUser request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        foreach (var (k, v) in ApiValidation.Validate(request.Details))
        {
            errors[k] = v;
        }
        var (unitId, partnerId) = await ResolveOrganisationAsync(request.Details, errors, ct);
        CheckRolesAndGroups(request.Details, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new VigilUser
        {
            UserName = request.Email!.Trim(),
            Email = request.Email!.Trim(),
            EmailConfirmed = true,
            DisplayName = request.Details.DisplayName!.Trim(),
            UnitId = unitId,
            PartnerAgencyId = partnerId,
            Clearance = request.Details.Clearance!.Value,
            IsDisabled = request.Details.IsDisabled,
        };
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ApiValidation.Add(errors, e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(NewUser.Password) : nameof(NewUser.Email), e.Description);
            }
            return (null, errors);
        }
        await ApplyRolesAndGroupsAsync(user, request.Details, ct);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "user", user.Id.ToString(), detail: Describe(request.Details, unitId, partnerId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await GetAsync(user.Id, ct), errors);
    }

    public enum ChangeOutcome { Changed, NotFound, Invalid }

    public async Task<(ChangeOutcome Outcome, Dictionary<string, string[]> Errors)> ChangeAsync(Guid id, UserChange change, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return (ChangeOutcome.NotFound, []);
        }
        var errors = ApiValidation.Validate(change);
        var (unitId, partnerId) = await ResolveOrganisationAsync(change, errors, ct);
        CheckRolesAndGroups(change, errors);
        if (errors.Count > 0)
        {
            return (ChangeOutcome.Invalid, errors);
        }
        if (id == access.UserId)
        {
            var current = (await GetAsync(id, ct))!;
            var selfRaise = change.Clearance != current.Clearance || unitId != user.UnitId || partnerId != user.PartnerAgencyId
                || !new HashSet<string>(change.Roles ?? []).SetEquals(current.Roles) || !new HashSet<Guid>(change.Groups ?? []).SetEquals(current.Groups)
                || change.IsDisabled;
            if (selfRaise)
            {
                ApiValidation.Add(errors, nameof(UserChange.Clearance), "You cannot change your own clearance, unit, roles, groups or status: ask another administrator");
                db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "user", id.ToString(), detail: "attempt to change own access");
                await db.SaveChangesAsync(ct);
                return (ChangeOutcome.Invalid, errors);
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = change.DisplayName!.Trim();
        user.UnitId = unitId;
        user.PartnerAgencyId = partnerId;
        user.Clearance = change.Clearance!.Value;
        user.IsDisabled = change.IsDisabled;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ApiValidation.Add(errors, "", string.Join(" ", result.Errors.Select(e => e.Description)));
            return (ChangeOutcome.Invalid, errors);
        }
        await ApplyRolesAndGroupsAsync(user, change, ct);
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "user", user.Id.ToString(), detail: Describe(change, unitId, partnerId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (ChangeOutcome.Changed, errors);
    }

    private async Task ApplyRolesAndGroupsAsync(VigilUser user, UserChange change, CancellationToken ct)
    {
        var wantedRoles = (change.Roles ?? []).Distinct().ToList();
        var currentRoles = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, currentRoles.Except(wantedRoles));
        var added = await users.AddToRolesAsync(user, wantedRoles.Except(currentRoles));
        if (!removed.Succeeded || !added.Succeeded)
        {
            throw new InvalidOperationException("Role change failed: " + string.Join(" ", removed.Errors.Concat(added.Errors).Select(e => e.Description)));
        }
        var wantedGroups = (change.Groups ?? []).Distinct().ToHashSet();
        var memberships = await db.GroupMemberships.Where(m => m.UserId == user.Id).ToListAsync(ct);
        db.GroupMemberships.RemoveRange(memberships.Where(m => !wantedGroups.Contains(m.GroupId)));
        db.GroupMemberships.AddRange(wantedGroups.Where(g => memberships.All(m => m.GroupId != g)).Select(g => new GroupMembership { GroupId = g, UserId = user.Id }));
    }

    private async Task<(Guid? Unit, Guid? Partner)> ResolveOrganisationAsync(UserChange change, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var hasUnit = !string.IsNullOrWhiteSpace(change.UnitCode);
        var hasPartner = !string.IsNullOrWhiteSpace(change.PartnerCode);
        if (hasUnit == hasPartner)
        {
            ApiValidation.Add(errors, nameof(UserChange.UnitCode), "Choose either a unit or a partner agency");
            return (null, null);
        }
        if (hasUnit)
        {
            var unit = (await directory.UnitAsync(change.UnitCode!, ct))?.Id;
            if (unit is null)
            {
                ApiValidation.Add(errors, nameof(UserChange.UnitCode), $"There is no unit with code '{change.UnitCode}'");
            }
            return (unit, null);
        }
        var partner = (await directory.PartnerAsync(change.PartnerCode!, ct))?.Id;
        if (partner is null)
        {
            ApiValidation.Add(errors, nameof(UserChange.PartnerCode), $"There is no partner agency with code '{change.PartnerCode}'");
        }
        return (null, partner);
    }

    private void CheckRolesAndGroups(UserChange change, Dictionary<string, string[]> errors)
    {
        foreach (var role in (change.Roles ?? []).Where(r => !Roles.All.Contains(r)))
        {
            ApiValidation.Add(errors, nameof(UserChange.Roles), $"'{role}' is not a role");
        }
        var groups = change.Groups ?? [];
        if (groups.Count > 0)
        {
            var known = db.NeedToKnowGroups.Where(g => groups.Contains(g.Id)).Select(g => g.Id).ToHashSet();
            if (groups.Any(g => !known.Contains(g)))
            {
                ApiValidation.Add(errors, nameof(UserChange.Groups), "One of the groups does not exist");
            }
        }
    }

    private static string Describe(UserChange c, Guid? unit, Guid? partner) =>
        $"name {c.DisplayName}; unit {unit}; partner {partner}; clearance {c.Clearance}; roles {string.Join(",", c.Roles ?? [])}; groups {string.Join(",", c.Groups ?? [])}; disabled {c.IsDisabled}";
}

public static class AdministrationApi
{
    public static IEndpointRouteBuilder MapAdministrationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin")
            .RequireAuthorization(p => p.RequireRole(Roles.Administrator))
            .WithTags("Administration");
        api.MapGet("/users", async (string? search, int? page, int? pageSize, UserAdministration admin, CancellationToken ct) =>
            TypedResults.Ok(await admin.ListAsync(search, page, pageSize, ct)));
        api.MapGet("/users/{id:guid}", async Task<Results<Ok<UserSummary>, NotFound>> (Guid id, UserAdministration admin, CancellationToken ct) =>
            await admin.GetAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound());
        api.MapPost("/users", async Task<Results<Created<UserSummary>, ValidationProblem>> (NewUser request, UserAdministration admin, CancellationToken ct) =>
        {
            var (user, errors) = await admin.CreateAsync(request, ct);
            return user is null ? TypedResults.ValidationProblem(errors) : TypedResults.Created($"/api/v1/admin/users/{user.Id}", user);
        });
        api.MapPut("/users/{id:guid}", async Task<Results<Ok<UserSummary>, NotFound, ValidationProblem>> (Guid id, UserChange change, UserAdministration admin, CancellationToken ct) =>
        {
            var (outcome, errors) = await admin.ChangeAsync(id, change, ct);
            return outcome switch
            {
                UserAdministration.ChangeOutcome.Changed => TypedResults.Ok((await admin.GetAsync(id, ct))!),
                UserAdministration.ChangeOutcome.Invalid => TypedResults.ValidationProblem(errors),
                _ => TypedResults.NotFound(),
            };
        });
        api.MapGet("/groups", async (VigilDb db, CancellationToken ct) => TypedResults.Ok(
            await db.NeedToKnowGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name, g.Description, Members = g.Members.Count }).ToListAsync(ct)));
        return app;
    }
}
