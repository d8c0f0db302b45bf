using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// Checks authenticator-app (TOTP, RFC 6238) codes, and accepts each one once: a code is accepted only
/// for a time step later than the last one this user signed in with (kept on the account), so a code seen
/// over a shoulder or replayed from a captured request is refused even within its 30 seconds. One step
/// either side of now is allowed for clock drift. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class OneTimeAuthenticator(VigilDb db, TimeProvider clock) : IUserTwoFactorTokenProvider<VigilUser>
{
    public const string ProviderName = "VigilAuthenticator";

    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<VigilUser> manager, VigilUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the user's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<VigilUser> manager, VigilUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<VigilUser> manager, VigilUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }
        byte[] secret;
        try
        {
            secret = Base32Encoding.ToBytes(key);
        }
        catch (ArgumentException)
        {
            return false;
        }
        if (!new Totp(secret).VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, Drift))
        {
            return false;
        }
        // Compare and set in one statement, so two sign-ins racing with the same code cannot both win.
        var taken = await db.Users.Where(u => u.Id == user.Id && (u.LastTwoFactorStep == null || u.LastTwoFactorStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTwoFactorStep, step));
        if (taken == 0)
        {
            return false;
        }
        // The tracked copy must not write the old value back when Identity next saves the user.
        user.LastTwoFactorStep = step;
        return true;
    }
}
