namespace Vigil.Web.Network;

/// <summary>The network as the brochure describes it (DOMAIN.md): seeded once, then edited by
/// administrators on the Network pages.</summary>
public static class NetworkReferenceData
{
    public sealed record RegionalUnit(string Code, string Name, UnitKind Kind, string[] Forces, string LeadForce);

    public static readonly IReadOnlyList<RegionalUnit> RegionalUnits =
    [
        new("london", "London", UnitKind.Ctu, ["Metropolitan", "City of London"], "Metropolitan"),
        new("north-east", "North East", UnitKind.Ctu, ["West Yorkshire", "Cleveland", "Durham", "Humberside", "Northumbria", "North Yorkshire", "South Yorkshire"], "West Yorkshire"),
        new("north-west", "North West", UnitKind.Ctu, ["Greater Manchester", "Cheshire", "Cumbria", "Isle of Man", "Lancashire", "Merseyside"], "Greater Manchester"),
        new("south-east", "South East", UnitKind.Ctu, ["Thames Valley", "Hampshire", "Kent", "Surrey", "Sussex"], "Thames Valley"),
        new("west-midlands", "West Midlands", UnitKind.Ctu, ["West Midlands", "Staffordshire", "Warwickshire", "West Mercia"], "West Midlands"),
        new("eastern", "Eastern", UnitKind.Ctiu, ["Bedfordshire", "Essex", "Cambridgeshire", "Hertfordshire", "Suffolk", "Norfolk"], "Bedfordshire"),
        new("east-midlands", "East Midlands", UnitKind.Ctiu, ["Derbyshire", "Leicestershire", "Lincolnshire", "Northamptonshire", "Nottinghamshire"], "Derbyshire"),
        new("northern-ireland", "Northern Ireland", UnitKind.Ctiu, ["PSNI"], "PSNI"),
        new("scotland", "Scotland", UnitKind.Ctiu, ["Police Scotland"], "Police Scotland"),
        new("south-west", "South West", UnitKind.Ctiu, ["Avon & Somerset", "Devon & Cornwall", "Dorset", "Gloucestershire", "Wiltshire", "Guernsey", "Jersey"], "Avon & Somerset"),
        new("wales", "Wales", UnitKind.Ctiu, ["South Wales", "Dyfed-Powys", "Gwent", "North Wales"], "South Wales"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> OperationsCentreTeams =
    [
        ("noc-ports", "Ports"),
        ("noc-intelligence", "Intelligence"),
        ("noc-firearms-suppression", "Firearms Suppression"),
        ("noc-coordination-centre", "Coordination Centre"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name, PartnerKind Kind)> Partners =
    [
        ("mi5", "MI5 (Security Service)", PartnerKind.IntelligenceAgency),
        ("cps", "Crown Prosecution Service", PartnerKind.Prosecutor),
        ("home-office", "Home Office", PartnerKind.GovernmentDepartment),
        ("cabinet-office", "Cabinet Office", PartnerKind.GovernmentDepartment),
        ("dft", "Department for Transport", PartnerKind.GovernmentDepartment),
        ("border-force", "UK Border Force", PartnerKind.BorderAgency),
        ("fco", "Foreign and Commonwealth Office", PartnerKind.GovernmentDepartment),
        ("mod", "Ministry of Defence", PartnerKind.GovernmentDepartment),
        ("beis", "Department for Business, Energy and Industrial Strategy", PartnerKind.GovernmentDepartment),
        ("la-manchester", "Manchester City Council", PartnerKind.LocalAuthority),
        ("la-cardiff", "Cardiff Council", PartnerKind.LocalAuthority),
        ("la-tower-hamlets", "London Borough of Tower Hamlets", PartnerKind.LocalAuthority),
    ];
}
