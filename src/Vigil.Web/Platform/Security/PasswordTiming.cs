using Microsoft.AspNetCore.Identity;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// Checks a password against a hash that belongs to nobody, with the same hasher and work factor as real
/// accounts. A sign-in for an unknown e-mail (or a locked account, which Identity refuses before hashing)
/// does this, so that its answer takes as long as a wrong password for a real account and the time
/// cannot tell a stranger which accounts exist.
/// </summary>
public sealed class PasswordTiming(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options)
{
    private static readonly VigilUser Nobody = new() { UserName = "nobody", DisplayName = "nobody" };
    private readonly PasswordHasher<VigilUser> hasher = new(options);
    private string? dummyHash;

    public void HashOnce(string password)
    {
        dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, dummyHash, password);
    }
}
