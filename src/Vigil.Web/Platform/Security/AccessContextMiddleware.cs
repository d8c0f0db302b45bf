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
public sealed class AccessContextMiddleware(RequestDelegate next)
{
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
                var roles = await db.UserRoles.Where(r => r.UserId == userId)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(http.RequestAborted);
                // A token made before the account needed two-factor (a clearance approved or the Administrator
                // role given since) does not carry it past the requirement: it works again once they enrol.
                if (http.User.Identity.AuthenticationType == PersonalAccessTokens.Scheme
                    && VigilUser.RequiresTwoFactor(user!.Clearance, roles) && !user.TwoFactorEnabled)
                {
                    http.User = new ClaimsPrincipal(new ClaimsIdentity());
                    await next(http);
                    return;
                }
                var groups = await db.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(http.RequestAborted);
                var unitName = (await directory.OfAsync(user!.UnitId, user.PartnerAgencyId, http.RequestAborted))?.Name;
                access.SignedIn(user.Id, user.UserName!, user.DisplayName, user.UnitId, unitName, user.PartnerAgencyId, user.Clearance, roles, groups);

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
