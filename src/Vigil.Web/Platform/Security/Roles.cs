namespace Vigil.Web.Platform.Security;

/// <summary>The roles Vigil knows, named as the users name them. Stored as ASP.NET Core Identity roles.</summary>
public static class Roles
{
    public const string Investigator = "Investigator";
    public const string Sio = "SIO";
    public const string Analyst = "Analyst";
    public const string IntelligenceOfficer = "IntelligenceOfficer";
    public const string PreventOfficer = "PreventOfficer";
    public const string ChannelPanelMember = "ChannelPanelMember";
    public const string SecurityAdviser = "SecurityAdviser";
    public const string OperationsCoordinator = "OperationsCoordinator";
    public const string DisclosureOfficer = "DisclosureOfficer";
    public const string Auditor = "Auditor";
    public const string Administrator = "Administrator";
    public const string ActTriageOfficer = "ActTriageOfficer";
    public const string NationalDutyOfficer = "NationalDutyOfficer";

    /// <summary>NCTPHQ's planning and resources staff: the national picture and the budget allocation advice.</summary>
    public const string HqPlanner = "HqPlanner";

    /// <summary>A unit's records review officer: reviews records for retention under MoPI, retains or disposes of them.</summary>
    public const string RecordsReviewer = "RecordsReviewer";

    public static readonly IReadOnlyList<string> All =
    [
        Investigator, Sio, Analyst, IntelligenceOfficer, PreventOfficer, ChannelPanelMember, SecurityAdviser,
        OperationsCoordinator, DisclosureOfficer, Auditor, Administrator, ActTriageOfficer, NationalDutyOfficer,
        HqPlanner, RecordsReviewer,
    ];

    public static string Display(string role) => role switch
    {
        Investigator => "Investigator",
        Sio => "Senior Investigating Officer",
        Analyst => "Analyst",
        IntelligenceOfficer => "Intelligence officer",
        PreventOfficer => "Prevent officer",
        ChannelPanelMember => "Channel panel member",
        SecurityAdviser => "Counter Terrorism Security Adviser",
        OperationsCoordinator => "Operations-centre coordinator",
        DisclosureOfficer => "Disclosure officer",
        Auditor => "Auditor",
        Administrator => "Administrator",
        ActTriageOfficer => "ACT triage officer",
        NationalDutyOfficer => "National duty officer",
        HqPlanner => "HQ planning and resources officer",
        RecordsReviewer => "Records review officer",
        _ => role,
    };

    /// <summary>Roles that may create and change subject records (people and what is known of them).</summary>
    public static readonly IReadOnlySet<string> SubjectWriters = new HashSet<string>(StringComparer.Ordinal)
    {
        Investigator, Sio, Analyst, IntelligenceOfficer, PreventOfficer, ActTriageOfficer,
    };
}
