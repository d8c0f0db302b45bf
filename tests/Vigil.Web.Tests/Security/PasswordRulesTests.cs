using Microsoft.AspNetCore.Identity;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Security;

/// <summary>The rules shown before a password is chosen are written from the options in force.</summary>
public sealed class PasswordRulesTests
{
    [Fact]
    public void Describe_OtherOptions_SaysThoseRules()
    {
        var options = new IdentityOptions();
        options.Password.RequiredLength = 15;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireDigit = false;
        options.Password.RequireNonAlphanumeric = true;
        options.Password.RequiredUniqueChars = 1;
        Assert.Equal("Your password must be at least 15 characters long and include a symbol, such as ! or -.",
            new PasswordRules(Microsoft.Extensions.Options.Options.Create(options)).Describe());

        options.Password.RequireNonAlphanumeric = false;
        Assert.Equal("Your password must be at least 15 characters long.", new PasswordRules(Microsoft.Extensions.Options.Options.Create(options)).Describe());
    }
}
