using Microsoft.AspNetCore.Identity;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// Checks a password against a hash that belongs to nobody, with the hasher (and so the work factor) real
/// accounts use. A sign-in for an unknown e-mail, or for a locked account (which Identity refuses before
/// hashing), does this, so that its answer takes as long as a wrong password for a real account and the
/// time cannot tell a stranger which accounts exist.
/// </summary>
public sealed class PasswordTiming(IPasswordHasher<VigilUser> hasher)
{
    private static readonly VigilUser Nobody = new() { UserName = "nobody", DisplayName = "nobody" };
    private readonly Lazy<string> dummyHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    public void HashOnce(string password) => hasher.VerifyHashedPassword(Nobody, dummyHash.Value, password);
}
