using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

public static class PersonalAccessTokens
{
    public const string Scheme = "Bearer";
    public const string TokenPrefix = "vgl_";
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a token for a user; the secret is returned once and only its hash is kept.</summary>
    public static async Task<(PersonalAccessToken Token, string Secret)> CreateAsync(VigilDb db, Guid userId, string name, TimeSpan lifetime, CancellationToken ct)
    {
        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = db.Clock.GetUtcNow();
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = name.Trim(),
            Hash = Hash(secret),
            Prefix = secret[..10],
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.PersonalAccessTokens.Add(token);
        db.Audit(AuditActions.TokenCreated, AuditOutcomes.Success, "token", token.Id.ToString(), detail: $"user {userId}; name {token.Name}; expires {token.ExpiresAt:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    public static string? ValidateName(string? name) => string.IsNullOrWhiteSpace(name)
        ? "Enter a name for the token"
        : name.Trim().Length > 100 ? "Token name must be 100 characters or fewer" : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Authenticates API requests carrying "Authorization: Bearer vgl_...". A revoked, expired or
/// unknown token fails; the failures are counted per source and minute and audited as one entry each
/// (<see cref="AnonymousRejections"/>), so that a flood of bad tokens cannot flood the audit chain.</summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, VigilDb db, AnonymousRejections rejections)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        var hash = PersonalAccessTokens.Hash(secret);
        var token = secret.Length is > 10 and < 200
            ? await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted)
            : null;
        var now = db.Clock.GetUtcNow();
        if (token is null || !token.IsActive(now))
        {
            var why = token is null ? "unknown token" : token.RevokedAt is not null ? "revoked token" : "expired token";
            rejections.Record(Context, AnonymousRejections.TokenKind, token is null ? why : $"{why} {token.Prefix}");
            return AuthenticateResult.Fail(why);
        }
        // Recorded at most once a minute: a write on every API call would serialise reads behind the write lock.
        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, token.UserId.ToString()), new Claim("token", token.Id.ToString())], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Authentication required",
            detail: "Send a valid personal access token as 'Authorization: Bearer <token>'.").ExecuteAsync(Context);
    }

    // A role that may not use an endpoint gets the same answer as a missing record.
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await AccessRefusals.RecordAsync(Context);
        await Results.Problem(statusCode: 404, title: "Not found").ExecuteAsync(Context);
    }
}
