namespace Vigil.Web.Tests.Infrastructure;

/// <summary>The demo accounts by what tests use them for.</summary>
public static class DemoUsers
{
    public const string SioLondon = "sio.london@vigil.example";
    public const string InvestigatorLondon = "investigator.london@vigil.example";
    public const string DisclosureLondon = "disclosure.london@vigil.example";
    public const string SioNorthWest = "sio.northwest@vigil.example";
    public const string SioWestMidlands = "sio.westmidlands@vigil.example";
    public const string InvestigatorNorthWest = "investigator.northwest@vigil.example";
    public const string PreventNorthWest = "prevent.northwest@vigil.example";
    public const string IntelligenceLondon = "intelligence.london@vigil.example";
    public const string IntelligenceNorthWest = "intelligence.northwest@vigil.example";
    public const string ActLondon = "act.london@vigil.example";
    public const string ActNorthWest = "act.northwest@vigil.example";
    public const string AnalystWales = "analyst.wales@vigil.example";
    public const string CtsaWales = "ctsa.wales@vigil.example";
    public const string CoordinatorNoc = "coordinator.noc@vigil.example";
    public const string DutyNoc = "duty.noc@vigil.example";
    public const string CtsaLondon = "ctsa.london@vigil.example";
    public const string PlanningHq = "planning.hq@vigil.example";
    public const string RecordsLondon = "records.london@vigil.example";
    public const string Records2London = "records2.london@vigil.example";
    public const string Auditor = "auditor.hq@vigil.example";
    public const string Admin = "admin.hq@vigil.example";
    public const string SecurityAdmin = "security.hq@vigil.example";
    public const string VettingAdmin = "vetting.hq@vigil.example";
    public const string ChannelManchester = "channel.manchester@vigil.example";
}
