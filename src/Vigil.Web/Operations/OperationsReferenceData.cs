namespace Vigil.Web.Operations;

/// <summary>The operations centre's reference data: the capabilities a region asks for in a surge, and which regional
/// units are neighbours (the optimiser prefers a neighbour's officers, who travel less).</summary>
public static class OperationsReferenceData
{
    public sealed record Capability(string Code, string Name);

    public static readonly IReadOnlyList<Capability> Capabilities =
    [
        new("investigators", "Investigators"), new("surveillance-teams", "Surveillance teams"), new("firearms-officers", "Firearms officers"),
        new("family-liaison", "Family liaison officers"), new("digital-forensics", "Digital forensic examiners"), new("financial-investigators", "Financial investigators"),
        new("prevent-officers", "Prevent officers"), new("intelligence-analysts", "Intelligence analysts"), new("disclosure-officers", "Disclosure officers"),
        new("search-teams", "Search teams (PolSA)"), new("exhibits-officers", "Exhibits officers"), new("interview-advisers", "Interview advisers"),
        new("hostage-negotiators", "Hostage and crisis negotiators"), new("ctsa", "Counter Terrorism Security Advisers"), new("ports-officers", "Ports officers"),
        new("technical-surveillance", "Technical surveillance"), new("cbrn-officers", "CBRN-trained officers"), new("casualty-bureau", "Casualty bureau staff"),
        new("covert-internet", "Covert internet investigators"), new("source-handlers", "Source handlers"),
    ];

    public static string? CapabilityName(string code) => Capabilities.FirstOrDefault(c => c.Code == code)?.Name;

    public sealed record IncidentKind(string Code, string Name);

    /// <summary>The kinds of incident the operations centre declares a surge for.</summary>
    public static readonly IReadOnlyList<IncidentKind> IncidentKinds =
    [
        new("attack", "Terrorist attack"), new("attack-planning", "Attack planning disrupted"), new("major-investigation", "Major investigation"),
        new("critical-threat", "Threat level at CRITICAL"), new("public-disorder", "Reaction and public disorder"), new("major-event", "Major event"),
    ];

    public static string? IncidentKindName(string code) => IncidentKinds.FirstOrDefault(k => k.Code == code)?.Name;

    /// <summary>Whether a unit (by code) is one of the eleven regional units, which hold officers to give and ask for.</summary>
    public static bool IsRegional(string code) => Network.NetworkReferenceData.RegionalUnits.Any(u => u.Code == code);

    private static readonly (string A, string B)[] Borders =
    [
        ("london", "south-east"), ("london", "eastern"), ("south-east", "eastern"), ("south-east", "south-west"), ("south-east", "west-midlands"),
        ("eastern", "east-midlands"), ("east-midlands", "west-midlands"), ("east-midlands", "north-east"), ("east-midlands", "north-west"),
        ("west-midlands", "wales"), ("west-midlands", "north-west"), ("west-midlands", "south-west"), ("south-west", "wales"), ("north-west", "wales"),
        ("north-west", "north-east"), ("north-west", "scotland"), ("north-east", "scotland"), ("scotland", "northern-ireland"),
    ];

    /// <summary>Whether two regional units (by code) share a border (Scotland and Northern Ireland across the North Channel).</summary>
    public static bool AreNeighbours(string a, string b) => Borders.Contains((a, b)) || Borders.Contains((b, a));
}
