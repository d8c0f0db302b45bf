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
    public const string PlanningHq = "planning.hq@vigil.example";
    public const string RecordsLondon = "records.london@vigil.example";
    public const string Records2London = "records2.london@vigil.example";
    public const string SioWestMidlands = "sio.westmidlands@vigil.example";
    public const string Auditor = "auditor.hq@vigil.example";
    public const string Admin = "admin.hq@vigil.example";
    public const string SecurityAdmin = "security.hq@vigil.example";
    public const string VettingAdmin = "vetting.hq@vigil.example";
    public const string AnalystWales = "analyst.wales@vigil.example";
    public const string PreventNorthWest = "prevent.northwest@vigil.example";
    public const string ChannelManchester = "channel.manchester@vigil.example";
    public const string SioNorthWest = "sio.northwest@vigil.example";
    public const string CtsaWales = "ctsa.wales@vigil.example";
    public const string CoordinatorNoc = "coordinator.noc@vigil.example";
    public const string DutyNoc = "duty.noc@vigil.example";
    public const string CtsaLondon = "ctsa.london@vigil.example";
    public const string IntelligenceLondon = "intelligence.london@vigil.example";
    public const string IntelligenceNorthWest = "intelligence.northwest@vigil.example";
    public const string ActLondon = "act.london@vigil.example";
    public const string ActNorthWest = "act.northwest@vigil.example";

    public const string Password = DemoData.Password;

    public static DemoData.Account Account(string email) => DemoData.Accounts.Single(a => a.Email == email);

    private static readonly Dictionary<string, long> LastStep = [];
    private static readonly Lock StepGate = new();

    /// <summary>An authenticator code for a demo account that the app has not accepted yet. The app takes
    /// each code once and allows one 30-second step of drift, so a second sign-in in the same step uses
    /// the next step's code, waiting (at most one step) when even that is not yet due.</summary>
    public static string CurrentCode(string email)
    {
        var key = Account(email).AuthenticatorKey ?? throw new InvalidOperationException($"{email} has no two-factor sign-in");
        long next;
        lock (StepGate)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            next = Math.Max(now, LastStep.GetValueOrDefault(email, long.MinValue) + 1);
            LastStep[email] = next;
        }
        var due = DateTimeOffset.FromUnixTimeSeconds((next - 1) * 30);
        if (due > DateTimeOffset.UtcNow)
        {
            Thread.Sleep(due - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        }
        return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(next * 30).UtcDateTime);
    }
}
