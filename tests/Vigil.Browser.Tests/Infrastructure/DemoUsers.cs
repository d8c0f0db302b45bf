using OtpNet;
using Vigil.Web.Platform.Data;

namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>The demo accounts the browser tests use, with their names, units and two-factor codes.</summary>
public static class DemoUsers
{
    public const string SioLondon = "sio.london@vigil.example";
    public const string InvestigatorLondon = "investigator.london@vigil.example";
    public const string DisclosureLondon = "disclosure.london@vigil.example";
    public const string InvestigatorNorthWest = "investigator.northwest@vigil.example";
    public const string Auditor = "auditor.hq@vigil.example";
    public const string Admin = "admin.hq@vigil.example";
    public const string AnalystWales = "analyst.wales@vigil.example";

    public const string Password = DemoData.Password;

    public static DemoData.Account Account(string email) => DemoData.Accounts.Single(a => a.Email == email);

    /// <summary>The current authenticator code for a demo account that has two-factor sign-in.</summary>
    public static string CurrentCode(string email)
    {
        var key = Account(email).AuthenticatorKey ?? throw new InvalidOperationException($"{email} has no two-factor sign-in");
        return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
    }
}
