using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Vigil.Web.Platform.Security;

/// <summary>The password rules in plain English, written from the Identity options in force (so the words a
/// person reads before choosing cannot drift from the rules that judge what they chose), and Identity's
/// refusals in the same words.</summary>
public sealed class PasswordRules(IOptions<IdentityOptions> identity)
{
    private PasswordOptions Options => identity.Value.Password;

    /// <summary>"Your password must be at least 12 characters long and include a capital letter, a small letter and a number."</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Options.RequireUppercase)
        {
            parts.Add("a capital letter");
        }
        if (Options.RequireLowercase)
        {
            parts.Add("a small letter");
        }
        if (Options.RequireDigit)
        {
            parts.Add("a number");
        }
        if (Options.RequireNonAlphanumeric)
        {
            parts.Add("a symbol, such as ! or -");
        }
        if (Options.RequiredUniqueChars > 1)
        {
            parts.Add($"at least {Options.RequiredUniqueChars} different characters");
        }
        var length = $"Your password must be at least {Options.RequiredLength} characters long";
        return parts.Count == 0 ? length + "." : $"{length} and include {Join(parts)}.";
    }

    private static string Join(List<string> parts) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
}

/// <summary>Identity's password refusals, in the words the rules are shown in before the first try.</summary>
public sealed class PlainPasswordErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Your password must be at least {length} characters long" };

    public override IdentityError PasswordRequiresUpper() =>
        new() { Code = nameof(PasswordRequiresUpper), Description = "Your password must include a capital letter" };

    public override IdentityError PasswordRequiresLower() =>
        new() { Code = nameof(PasswordRequiresLower), Description = "Your password must include a small letter" };

    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = "Your password must include a number" };

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Your password must include a symbol, such as ! or -" };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Your password must have at least {uniqueChars} different characters" };
}
