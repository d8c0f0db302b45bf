using Microsoft.AspNetCore.Identity;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// Checks a password against a hash that belongs to nobody, with the hasher (and so the work factor) real
/// accounts use. A sign-in for an unknown e-mail, or for a locked account (which Identity refuses before
/// hashing), does this, so that its answer takes as long as a wrong password for a real account and the
/// time cannot tell a stranger which accounts exist. What is left (a wrong password for a real account
/// also counts the failure in the database) is covered by answering every refused sign-in no sooner than
/// <c>Vigil:SignIn:FailureFloorMilliseconds</c> (default 400) after it began.
/// </summary>
public sealed class PasswordTiming(IPasswordHasher<VigilUser> hasher, IConfiguration config)
{
    private static readonly VigilUser Nobody = new() { UserName = "nobody", DisplayName = "nobody" };
    private readonly Lazy<string> dummyHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));
    private readonly TimeSpan floor = TimeSpan.FromMilliseconds(Math.Max(0, config.GetValue("Vigil:SignIn:FailureFloorMilliseconds", 400)));

    /// <summary>Waits until the refused sign-in that began at <paramref name="started"/> (a
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp) has taken at least the floor. Real time, not
    /// the app's clock: it is the caller's stopwatch this evens out.</summary>
    public Task AtLeastFloorAsync(long started)
    {
        var left = floor - System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? Task.Delay(left) : Task.CompletedTask;
    }

    public void HashOnce(string password) => hasher.VerifyHashedPassword(Nobody, dummyHash.Value, password);
}
