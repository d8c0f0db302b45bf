using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

public sealed record MeDto(Guid Id, string Email, string DisplayName, string? Unit, Classification Clearance, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Groups);
public sealed record TokenDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        // Sign-out is a form post from every page; the antiforgery token is checked because the form is bound.
        // Signing out also changes the account's security stamp, so the cookie just dropped (or a copy of it
        // saved elsewhere) no longer opens anything: AccessContextMiddleware checks the stamp on every request.
        // It ends the account's other browser sessions too, which for this service is what signing out means.
        app.MapPost("/account/sign-out", async ([FromForm] string? returnUrl, SignInManager<VigilUser> signIn, UserManager<VigilUser> users, VigilDb db) =>
        {
            if (db.Access.IsAuthenticated && await users.FindByIdAsync(db.Access.UserId!.Value.ToString()) is { } user)
            {
                await users.UpdateSecurityStampAsync(user);
                db.Audit(AuditActions.SignOut, AuditOutcomes.Success);
                await db.SaveChangesAsync();
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/sign-in?signedOut=true");
        }).AllowAnonymous().ExcludeFromDescription();

        var api = app.MapGroup("/api/v1").RequireAuthorization(SecuritySetup.ApiPolicy).WithTags("Your account");
        api.MapGet("/me", (AccessContext me) => TypedResults.Ok(new MeDto(me.UserId!.Value, me.UserName!, me.DisplayName!, me.UnitName, me.Clearance, me.Roles.Order().ToList(), me.GroupIds)))
            .WithSummary("Who you are: your account, unit, clearance, roles and need-to-know groups");
        api.MapGet("/tokens", async (VigilDb db, AccessContext me, CancellationToken ct) => TypedResults.Ok(
            (await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == me.UserId).ToListAsync(ct))
                .OrderByDescending(t => t.CreatedAt)
                .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt)).ToList()))
            .WithSummary("Your personal access tokens (never their secrets)");
        api.MapDelete("/tokens/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, VigilDb db, AccessContext me, CancellationToken ct) =>
            await RevokeAsync(db, me, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Revoke one of your personal access tokens");
        return app;
    }

    /// <summary>Revokes one of the user's own tokens; it stops working on the next request.</summary>
    public static async Task<bool> RevokeAsync(VigilDb db, AccessContext me, Guid id, CancellationToken ct)
    {
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == me.UserId, ct);
        if (token is null)
        {
            return false;
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = db.Clock.GetUtcNow();
            db.Audit(AuditActions.TokenRevoked, AuditOutcomes.Success, "token", token.Id.ToString(), detail: token.Name);
            await db.SaveChangesAsync(ct);
        }
        return true;
    }
}
