using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

public static class SecuritySetup
{
    /// <summary>API endpoints: the default scheme sends every /api request to the bearer-token handler (never
    /// the cookie, so no cross-site request can use a browser session), and roles come from the database
    /// through <see cref="AccessContextMiddleware"/>. Policies must not name a scheme: that would
    /// re-authenticate and drop the roles loaded there.</summary>
    public const string ApiPolicy = "api";
    public const string OfficerPolicy = "officer";

    public static IServiceCollection AddVigilSecurity(this IServiceCollection services)
    {
        // One hasher for the whole app (it holds only its options), shared with PasswordTiming so that an
        // unknown e-mail costs exactly the work of a real one.
        services.AddSingleton<IPasswordHasher<VigilUser>, PasswordHasher<VigilUser>>();
        services.AddIdentityCore<VigilUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticator.ProviderName;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddErrorDescriber<PlainPasswordErrors>()
            .AddEntityFrameworkStores<VigilDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticator>(OneTimeAuthenticator.ProviderName);

        // The set-up link of a new account is Identity's password-reset token: one use, and this long.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = UserAdministration.SetUpLinkLifetime);
        services.AddScoped<ClearanceGrants>();
        services.AddSingleton<PasswordRules>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "vigil";
                o.DefaultChallengeScheme = "vigil";
            })
            .AddPolicyScheme("vigil", "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = http => http.Request.Path.StartsWithSegments("/api")
                    ? PersonalAccessTokens.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokens.Scheme, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/not-found";
                o.Cookie.Name = "vigil";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToAccessDenied = async context =>
                {
                    // Refused by role: answer as for a page that does not exist.
                    await AccessRefusals.RecordAsync(context.HttpContext);
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                };
            }));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiPolicy, p => p.RequireAuthenticatedUser())
            // Police officers of a unit; not a partner agency's member (who sees only what is shared with them).
            .AddPolicy(OfficerPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new OfficerRequirement()));
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, OfficerHandler>();
        return services;
    }
}

/// <summary>A police officer of a unit, not a partner agency's member.</summary>
public sealed class OfficerRequirement : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement;

internal sealed class OfficerHandler(AccessContext access) : Microsoft.AspNetCore.Authorization.AuthorizationHandler<OfficerRequirement>
{
    protected override Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, OfficerRequirement requirement)
    {
        if (access is { IsAuthenticated: true, UnitId: not null, PartnerAgencyId: null })
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Records an access-control refusal in the audit log.</summary>
public static class AccessRefusals
{
    public static async Task RecordAsync(HttpContext http, string? recordType = null, string? recordId = null)
    {
        var db = http.RequestServices.GetRequiredService<VigilDb>();
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, recordType, recordId, detail: $"{http.Request.Method} {http.Request.Path}");
        await db.SaveChangesAsync(http.RequestAborted);
    }
}
