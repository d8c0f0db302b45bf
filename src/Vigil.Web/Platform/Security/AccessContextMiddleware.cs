using Microsoft.Extensions.Caching.Memory;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// Loads the signed-in user from the database on every request: roles, unit, clearance and groups come
/// from the database, never from a cookie, so that a change takes effect at once. A disabled, locked,
/// deleted or (outside demo mode) demo account is treated as signed out, as is a cookie whose security
/// stamp no longer matches (password or two-factor change).
/// </summary>
public sealed class AccessContextMiddleware(RequestDelegate next, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    /// <summary>What a request needs of a user beyond their own row: roles, groups and the name of their unit
    /// or agency, kept for the account's <see cref="VigilUser.AccessVersion"/> (and unit). The row is read on
    /// every request, so a change to either is seen by the very next one.</summary>
    private sealed record Held(Guid Version, Guid? UnitId, Guid? PartnerId, List<string> Roles, List<Guid> Groups, string? UnitName, string? UnitCode);

    public async Task InvokeAsync(HttpContext http, VigilDb db, AccessContext access, VigilOptions options, TimeProvider clock, IOrganisationDirectory directory)
    {
        var id = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (http.User.Identity?.IsAuthenticated == true && Guid.TryParse(id, out var userId))
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, http.RequestAborted);
            var stamp = http.User.FindFirstValue(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType);
            var usable = user is not null
                && !user.IsDisabled
                && (!user.IsDemo || options.DemoMode)
                && (user.LockoutEnd is null || user.LockoutEnd <= clock.GetUtcNow())
                // A cookie must carry the account's current stamp (signing out or changing a password changes
                // it); a token is checked by its own handler and carries none.
                && (http.User.Identity.AuthenticationType == PersonalAccessTokens.Scheme || (stamp is not null && stamp == user.SecurityStamp));
            if (!usable)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                var key = ("access", userId);
                if (!cache.TryGetValue(key, out Held? held) || held is null
                    || held.Version != user!.AccessVersion || held.UnitId != user.UnitId || held.PartnerId != user.PartnerAgencyId)
                {
                    var organisation = await directory.OfAsync(user!.UnitId, user.PartnerAgencyId, http.RequestAborted);
                    held = new Held(user.AccessVersion, user.UnitId, user.PartnerAgencyId,
                        await db.UserRoles.Where(r => r.UserId == userId)
                            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(http.RequestAborted),
                        await db.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(http.RequestAborted),
                        organisation?.Name, user.UnitId is null ? null : organisation?.Code);
                    cache.Set(key, held, new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
                }
                var roles = held.Roles;
                // A token made before the account needed two-factor (a clearance approved or the Administrator
                // role given since) does not carry it past the requirement: it works again once they enrol.
                if (http.User.Identity.AuthenticationType == PersonalAccessTokens.Scheme
                    && VigilUser.RequiresTwoFactor(user!.Clearance, roles) && !user.TwoFactorEnabled)
                {
                    http.User = new ClaimsPrincipal(new ClaimsIdentity());
                    await next(http);
                    return;
                }
                access.SignedIn(user!.Id, user.UserName!, user.DisplayName, user.UnitId, held.UnitName, user.PartnerAgencyId, user.Clearance, roles, held.Groups, held.UnitCode);

                var identity = new ClaimsIdentity(http.User.Identity!.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
                identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
                identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName!));
                identity.AddClaims(roles.Select(r => new Claim(ClaimTypes.Role, r)));
                http.User = new ClaimsPrincipal(identity);

                if (http.Request.Path.StartsWithSegments("/api") is false
                    && VigilUser.RequiresTwoFactor(user.Clearance, roles) && !user.TwoFactorEnabled
                    && !IsEnrolmentPath(http.Request.Path))
                {
                    http.Response.Redirect("/account/two-factor");
                    return;
                }
            }
        }
        await next(http);
    }

    private static bool IsEnrolmentPath(PathString path) =>
        path.StartsWithSegments("/account/two-factor") || path.StartsWithSegments("/account/sign-out")
        || path.StartsWithSegments("/govuk") || path.StartsWithSegments("/assets") || path.StartsWithSegments("/css")
        || path.StartsWithSegments("/health") || path.StartsWithSegments("/_framework");
}
