using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

/// <param name="PendingClearance">A clearance above OFFICIAL asked for and waiting for a second administrator.</param>
/// <param name="SetUp">False until the person has followed their set-up link and chosen a password.</param>
public sealed record UserSummary(Guid Id, string Email, string DisplayName, string? Organisation, Classification Clearance,
    IReadOnlyList<string> Roles, IReadOnlyList<Guid> Groups, bool IsDisabled, bool TwoFactorEnabled, bool LockedOut,
    Classification? PendingClearance = null, bool SetUp = true, string? PendingRole = null);

/// <summary>What an administrator sets on an account. Units and agencies are given by code.</summary>
public sealed record UserChange
{
    [Required(ErrorMessage = "Enter the person's name"), StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
    public string? DisplayName { get; init; }
    public string? UnitCode { get; init; }
    public string? PartnerCode { get; init; }
    /// <summary>Up to the administrator's own. Above OFFICIAL it is asked for and waits for a second
    /// administrator's approval; until then the account keeps its clearance (OFFICIAL when new).</summary>
    [Required(ErrorMessage = "Choose a clearance")]
    public Classification? Clearance { get; init; }
    public List<string>? Roles { get; init; }
    public List<Guid>? Groups { get; init; }
    public bool IsDisabled { get; init; }
}

/// <summary>A new account. It has no password: the person chooses one through a one-time set-up link, and
/// enrols their own two-factor authentication, so that no administrator ever knows either.</summary>
public sealed record NewUser
{
    [Required(ErrorMessage = "Enter an email address"), EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org"), StringLength(256)]
    public string? Email { get; init; }
    public required UserChange Details { get; init; }
}

/// <summary>A new account and the link its holder uses, once, to choose their password (shown only now).</summary>
public sealed record CreatedUser(UserSummary User, string SetUpLink, DateTimeOffset SetUpLinkExpires);

public sealed record SetUpLink(string Link, DateTimeOffset Expires);

/// <summary>Administrators manage accounts: unit, clearance, roles and need-to-know groups. Every change
/// is audited; nobody changes their own clearance, unit, roles or groups (another administrator must).
/// An administrator never grants a clearance above their own, nor manages an account cleared above
/// them; a clearance above OFFICIAL waits for a second administrator (<see cref="ClearanceGrants"/>).
/// Groups whose membership a team or a panel owns (<see cref="NeedToKnowGroup.ManagedBy"/>) are left
/// as they are: only that team or panel changes them.</summary>
public sealed class UserAdministration(VigilDb db, UserManager<VigilUser> users, AccessContext access, IOrganisationDirectory directory, ClearanceGrants grants)
{
    /// <summary>How long a set-up link works (Identity's password-reset token; it also dies once used).</summary>
    public static readonly TimeSpan SetUpLinkLifetime = TimeSpan.FromDays(3);

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
        var pending = await grants.PendingFor(id).Select(g => new { g.Requested, g.Role }).ToListAsync(ct);
        return new UserSummary(user.Id, user.Email!, user.DisplayName, organisation, user.Clearance, roles.Order().ToList(), groups,
            user.IsDisabled, user.TwoFactorEnabled, user.LockoutEnd > db.Clock.GetUtcNow(),
            pending.Where(g => g.Role == null).Select(g => (Classification?)g.Requested).FirstOrDefault(), user.PasswordHash is not null,
            pending.Select(g => g.Role).FirstOrDefault(r => r != null));
    }

    public async Task<WorkResult<CreatedUser>> CreateAsync(NewUser request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        // "required" holds the property's presence, not its value: "details": null gets here.
        if (request.Details is null)
        {
            ApiValidation.Add(errors, "Details", "Give the account's details: display name, organisation, clearance, roles and groups");
            return WorkResult<CreatedUser>.Invalid(errors);
        }
        foreach (var (k, v) in ApiValidation.Validate(request.Details))
        {
            errors[k] = v;
        }
        var (unitId, partnerId) = await ResolveOrganisationAsync(request.Details, errors, ct);
        await CheckRolesAndGroupsAsync(request.Details, [], errors, ct);
        CheckClearance(request.Details, errors);
        if (errors.Count > 0)
        {
            return WorkResult<CreatedUser>.Invalid(errors);
        }
        await using var transaction = await db.BeginWriteAsync(ct);
        var requested = request.Details.Clearance!.Value;
        var user = new VigilUser
        {
            UserName = request.Email!.Trim(),
            Email = request.Email!.Trim(),
            EmailConfirmed = true,
            DisplayName = request.Details.DisplayName!.Trim(),
            UnitId = unitId,
            PartnerAgencyId = partnerId,
            // Above OFFICIAL only once a second administrator approves.
            Clearance = Classification.Official,
            IsDisabled = request.Details.IsDisabled,
        };
        var result = await users.CreateAsync(user);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ApiValidation.Add(errors, nameof(NewUser.Email), e.Description);
            }
            return WorkResult<CreatedUser>.Invalid(errors);
        }
        await ApplyRolesAndGroupsAsync(user, request.Details, ct);
        if (requested > Classification.Official)
        {
            grants.Ask(user, requested);
        }
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "user", user.Id.ToString(), detail: Describe(request.Details, unitId, partnerId));
        var link = await IssueSetUpLinkAsync(user);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return WorkResult<CreatedUser>.Ok(new CreatedUser((await GetAsync(user.Id, ct))!, link.Link, link.Expires));
    }

    /// <summary>A new set-up link for an account that has not been set up yet (the first one was lost or
    /// expired). An account that has a password gets none: an administrator must not be able to take one over.</summary>
    public async Task<WorkResult<SetUpLink>> NewSetUpLinkAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return WorkResult<SetUpLink>.Missing();
        }
        if (user.PasswordHash is not null)
        {
            return WorkResult<SetUpLink>.Conflict("This account has been set up: its holder chose their password. Only they can change it.");
        }
        if (user.Clearance > access.Clearance)
        {
            return WorkResult<SetUpLink>.Forbidden("This account is cleared above you: an administrator cleared as high must manage it.");
        }
        // A new link ends the old one (the token is bound to the security stamp).
        await users.UpdateSecurityStampAsync(user);
        var link = await IssueSetUpLinkAsync(user);
        await db.SaveChangesAsync(ct);
        return WorkResult<SetUpLink>.Ok(link);
    }

    private async Task<SetUpLink> IssueSetUpLinkAsync(VigilUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var expires = db.Clock.GetUtcNow() + SetUpLinkLifetime;
        db.Audit(AuditActions.SetUpLinkIssued, AuditOutcomes.Success, "user", user.Id.ToString(), detail: $"for {user.Email}; expires {expires:yyyy-MM-dd HH:mm} UTC");
        return new SetUpLink($"/account/set-up?user={user.Id}&token={Uri.EscapeDataString(token)}", expires);
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
        if (user.Clearance > access.Clearance)
        {
            ApiValidation.Add(errors, nameof(UserChange.Clearance), $"This account is cleared to {ClassificationText.Display(user.Clearance)}, above you: an administrator cleared as high must manage it");
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "user", id.ToString(), detail: "attempt to manage an account cleared above the administrator");
            await db.SaveChangesAsync(ct);
            return (ChangeOutcome.Invalid, errors);
        }
        var (unitId, partnerId) = await ResolveOrganisationAsync(change, errors, ct);
        var current = await db.GroupMemberships.Where(m => m.UserId == id).Select(m => m.GroupId).ToListAsync(ct);
        await CheckRolesAndGroupsAsync(change, current, errors, ct);
        CheckClearance(change, errors);
        if (errors.Count > 0)
        {
            return (ChangeOutcome.Invalid, errors);
        }
        if (id == access.UserId)
        {
            var mine = (await GetAsync(id, ct))!;
            var managed = await ManagedGroupsAsync(ct);
            var selfRaise = change.Clearance != mine.Clearance || unitId != user.UnitId || partnerId != user.PartnerAgencyId
                || !new HashSet<string>(change.Roles ?? []).SetEquals(mine.Roles)
                || !new HashSet<Guid>((change.Groups ?? []).Where(g => !managed.Contains(g))).SetEquals(mine.Groups.Where(g => !managed.Contains(g)))
                || change.IsDisabled;
            if (selfRaise)
            {
                ApiValidation.Add(errors, nameof(UserChange.Clearance), "You cannot change your own clearance, unit, roles, groups or status: ask another administrator");
                db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "user", id.ToString(), detail: "attempt to change own access");
                await db.SaveChangesAsync(ct);
                return (ChangeOutcome.Invalid, errors);
            }
        }
        await using var transaction = await db.BeginWriteAsync(ct);
        user.DisplayName = change.DisplayName!.Trim();
        user.UnitId = unitId;
        user.PartnerAgencyId = partnerId;
        user.IsDisabled = change.IsDisabled;
        var requested = change.Clearance!.Value;
        var pending = await grants.PendingFor(id).Where(g => g.Role == null).Select(g => (Classification?)g.Requested).FirstOrDefaultAsync(ct);
        if (requested < user.Clearance)
        {
            // Lowering takes effect at once, and ends any request to raise.
            user.Clearance = requested;
            await grants.WithdrawPendingAsync(id, $"clearance lowered to {ClassificationText.Display(requested)}", ct);
        }
        else if (requested > user.Clearance && requested != pending)
        {
            // Raising waits for a second administrator; the account keeps its clearance until then.
            await grants.WithdrawPendingAsync(id, $"replaced by a request for {ClassificationText.Display(requested)}", ct);
            grants.Ask(user, requested);
        }
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

    private void CheckClearance(UserChange change, Dictionary<string, string[]> errors)
    {
        if (change.Clearance is { } requested && requested > access.Clearance)
        {
            ApiValidation.Add(errors, nameof(UserChange.Clearance), $"You cannot grant a clearance above your own ({ClassificationText.Display(access.Clearance)})");
        }
    }

    private async Task<HashSet<Guid>> ManagedGroupsAsync(CancellationToken ct) =>
        (await db.NeedToKnowGroups.Where(g => g.ManagedBy != null).Select(g => g.Id).ToListAsync(ct)).ToHashSet();

    private async Task ApplyRolesAndGroupsAsync(VigilUser user, UserChange change, CancellationToken ct)
    {
        var wantedRoles = (change.Roles ?? []).Distinct().ToList();
        var currentRoles = await users.GetRolesAsync(user);
        // The Administrator role is given by two administrators, as a clearance above OFFICIAL is: asked for
        // here, added when a second approves. Taking it away is at once, and ends any request for it.
        var pendingRole = await grants.PendingFor(user.Id).AnyAsync(g => g.Role == Roles.Administrator, ct);
        if (wantedRoles.Contains(Roles.Administrator) && !currentRoles.Contains(Roles.Administrator))
        {
            wantedRoles.Remove(Roles.Administrator);
            if (!pendingRole)
            {
                grants.Ask(user, change.Clearance!.Value, Roles.Administrator);
            }
        }
        else if (pendingRole && !wantedRoles.Contains(Roles.Administrator))
        {
            await grants.WithdrawPendingAsync(user.Id, "the Administrator role is no longer asked for", ct, Roles.Administrator);
        }
        var removed = await users.RemoveFromRolesAsync(user, currentRoles.Except(wantedRoles));
        var added = await users.AddToRolesAsync(user, wantedRoles.Except(currentRoles));
        if (!removed.Succeeded || !added.Succeeded)
        {
            throw new InvalidOperationException("Role change failed: " + string.Join(" ", removed.Errors.Concat(added.Errors).Select(e => e.Description)));
        }
        // Groups a team or panel manages are neither added nor removed here, whatever the request says.
        var managed = await ManagedGroupsAsync(ct);
        var wantedGroups = (change.Groups ?? []).Where(g => !managed.Contains(g)).ToHashSet();
        var memberships = await db.GroupMemberships.Where(m => m.UserId == user.Id).ToListAsync(ct);
        db.GroupMemberships.RemoveRange(memberships.Where(m => !managed.Contains(m.GroupId) && !wantedGroups.Contains(m.GroupId)));
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

    private async Task CheckRolesAndGroupsAsync(UserChange change, IReadOnlyCollection<Guid> current, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        foreach (var role in (change.Roles ?? []).Where(r => !Roles.All.Contains(r)))
        {
            ApiValidation.Add(errors, nameof(UserChange.Roles), $"'{role}' is not a role");
        }
        var groups = change.Groups ?? [];
        if (groups.Count > 0)
        {
            var known = await db.NeedToKnowGroups.Where(g => groups.Contains(g.Id)).Select(g => new { g.Id, g.ManagedBy }).ToListAsync(ct);
            if (groups.Any(g => known.All(k => k.Id != g)))
            {
                ApiValidation.Add(errors, nameof(UserChange.Groups), "One of the groups does not exist");
            }
            foreach (var joined in known.Where(k => k.ManagedBy is not null && !current.Contains(k.Id)))
            {
                ApiValidation.Add(errors, nameof(UserChange.Groups), $"Membership of that group is managed by {joined.ManagedBy}: add people there, where its own rules apply");
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
            TypedResults.Ok(await admin.ListAsync(search, page, pageSize, ct)))
            .WithSummary("The accounts, with their roles, clearance and state (administrators)");
        api.MapGet("/users/{id:guid}", async Task<Results<Ok<UserSummary>, NotFound>> (Guid id, UserAdministration admin, CancellationToken ct) =>
            await admin.GetAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound())
            .WithSummary("One account (administrators)");
        api.MapPost("/users", async Task<Results<Created<CreatedUser>, ValidationProblem>> (NewUser request, UserAdministration admin, CancellationToken ct) =>
        {
            var outcome = await admin.CreateAsync(request, ct);
            return outcome.Value is { } created ? TypedResults.Created($"/api/v1/admin/users/{created.User.Id}", created) : TypedResults.ValidationProblem(outcome.Errors);
        })
            .WithSummary("Create an account; answers its one-time set-up link (a clearance above OFFICIAL waits for a second administrator)");
        api.MapPost("/users/{id:guid}/set-up-link", (Guid id, UserAdministration admin, CancellationToken ct) =>
            admin.NewSetUpLinkAsync(id, ct).AsOk())
            .WithSummary("Make a new one-time set-up link for an account");
        api.MapPut("/users/{id:guid}", async Task<Results<Ok<UserSummary>, NotFound, ValidationProblem>> (Guid id, UserChange change, UserAdministration admin, CancellationToken ct) =>
        {
            var (outcome, errors) = await admin.ChangeAsync(id, change, ct);
            return outcome switch
            {
                UserAdministration.ChangeOutcome.Changed => TypedResults.Ok((await admin.GetAsync(id, ct))!),
                UserAdministration.ChangeOutcome.Invalid => TypedResults.ValidationProblem(errors),
                _ => TypedResults.NotFound(),
            };
        })
            .WithSummary("Change an account's roles, unit, clearance, groups or state");
        api.MapGet("/groups", async (VigilDb db, CancellationToken ct) => TypedResults.Ok(
            (await db.NeedToKnowGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name, g.Description, g.ManagedBy, g.OwningUnitId, Members = g.Members.Count }).ToListAsync(ct))
                .Select(g => new { g.Id, g.Name, g.Description, g.ManagedBy, g.Members, Kind = GroupKinds.Of(g.ManagedBy, g.OwningUnitId) }).ToList()))
            .WithSummary("The need-to-know groups, with their kind and members");
        ClearanceGrants.MapApi(api);
        return app;
    }
}
