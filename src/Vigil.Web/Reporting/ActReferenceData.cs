using Vigil.Web.Network;

namespace Vigil.Web.Reporting;

/// <summary>
/// ACT's reference data: the kinds of behaviour the public form offers (the campaign's own words), and the
/// postcode areas with the police force that covers most of each, which with the network's table of forces
/// (<see cref="NetworkReferenceData.RegionalUnits"/>) routes a report to its regional unit. An area that spans
/// forces goes to the one holding most of it; the triage officer re-routes with a reason when that is wrong.
/// </summary>
public static class ActReferenceData
{
    public sealed record Behaviour(string Code, string Name, string Hint);

    public static readonly IReadOnlyList<Behaviour> Behaviours =
    [
        new("hostile-reconnaissance", "Someone watching or photographing a place in an unusual way", "for example security, entrances, cameras or crowds"),
        new("materials", "Someone gathering or storing unusual materials", "for example chemicals, gas cylinders or large amounts of fertiliser"),
        new("weapons", "Someone with weapons or talking about getting them", "for example firearms, knives or explosives"),
        new("online-content", "Something online that worries you", "for example violent extremist material, or threats"),
        new("radicalisation", "Someone being drawn into extremism", "for example a change in their beliefs or behaviour that worries you"),
        new("suspicious-vehicle", "A vehicle being used in an unusual way", "for example parked near a crowded place, or hired for no clear reason"),
        new("suspicious-purchase", "An unusual purchase or rental", "for example paying cash for large quantities, or renting a van or property in a hurry"),
        new("travel", "Someone travelling, or planning to travel, to join a terrorist group", ""),
        new("other", "Something else", ""),
    ];

    /// <summary>A person or vehicle as one line: what was given, in order, between commas ("DM24 ACT, Ford Focus, grey").</summary>
    public static string Describe(params string?[] parts) => string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));

    public static string BehaviourName(string code) => Behaviours.FirstOrDefault(b => b.Code == code)?.Name ?? code;

    public static bool IsBehaviour(string? code) => Behaviours.Any(b => b.Code == code);

    public static string OutcomeName(ActOutcome outcome) => outcome switch
    {
        ActOutcome.NoFurtherAction => "No further action",
        ActOutcome.LocalPolicing => "Referred to local policing",
        ActOutcome.IntelligenceReport => "Intelligence report created",
        ActOutcome.Investigation => "Linked to an investigation",
        _ => "Referred to Prevent",
    };

    public static string StateName(ActState state) => state switch
    {
        ActState.New => "New",
        ActState.InProgress => "In progress",
        ActState.AwaitingReporter => "Awaiting the reporter",
        _ => "Done",
    };

    /// <summary>The force covering most of each postcode area.</summary>
    public static readonly IReadOnlyDictionary<string, string> PostcodeAreas = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // London
        ["E"] = "Metropolitan", ["EC"] = "City of London", ["N"] = "Metropolitan", ["NW"] = "Metropolitan", ["SE"] = "Metropolitan",
        ["SW"] = "Metropolitan", ["W"] = "Metropolitan", ["WC"] = "Metropolitan", ["BR"] = "Metropolitan", ["CR"] = "Metropolitan",
        ["DA"] = "Kent", ["EN"] = "Metropolitan", ["HA"] = "Metropolitan", ["IG"] = "Metropolitan", ["KT"] = "Surrey",
        ["RM"] = "Metropolitan", ["SM"] = "Metropolitan", ["TW"] = "Metropolitan", ["UB"] = "Metropolitan",
        // North West
        ["M"] = "Greater Manchester", ["BL"] = "Greater Manchester", ["OL"] = "Greater Manchester", ["SK"] = "Greater Manchester",
        ["WN"] = "Greater Manchester", ["L"] = "Merseyside", ["CH"] = "Merseyside", ["WA"] = "Cheshire", ["CW"] = "Cheshire",
        ["PR"] = "Lancashire", ["BB"] = "Lancashire", ["FY"] = "Lancashire", ["LA"] = "Lancashire", ["CA"] = "Cumbria", ["IM"] = "Isle of Man",
        // North East
        ["LS"] = "West Yorkshire", ["BD"] = "West Yorkshire", ["HD"] = "West Yorkshire", ["HX"] = "West Yorkshire", ["WF"] = "West Yorkshire",
        ["S"] = "South Yorkshire", ["DN"] = "South Yorkshire", ["HU"] = "Humberside", ["YO"] = "North Yorkshire", ["HG"] = "North Yorkshire",
        ["TS"] = "Cleveland", ["DL"] = "Durham", ["DH"] = "Durham", ["NE"] = "Northumbria", ["SR"] = "Northumbria",
        // West Midlands
        ["B"] = "West Midlands", ["CV"] = "West Midlands", ["WS"] = "West Midlands", ["WV"] = "West Midlands", ["DY"] = "West Midlands",
        ["ST"] = "Staffordshire", ["TF"] = "West Mercia", ["WR"] = "West Mercia", ["HR"] = "West Mercia", ["SY"] = "West Mercia",
        // East Midlands
        ["DE"] = "Derbyshire", ["NG"] = "Nottinghamshire", ["LE"] = "Leicestershire", ["LN"] = "Lincolnshire", ["NN"] = "Northamptonshire",
        // Eastern
        ["CB"] = "Cambridgeshire", ["PE"] = "Cambridgeshire", ["CM"] = "Essex", ["CO"] = "Essex", ["SS"] = "Essex", ["IP"] = "Suffolk",
        ["NR"] = "Norfolk", ["LU"] = "Bedfordshire", ["MK"] = "Thames Valley", ["AL"] = "Hertfordshire", ["SG"] = "Hertfordshire", ["WD"] = "Hertfordshire",
        // South East
        ["OX"] = "Thames Valley", ["RG"] = "Thames Valley", ["SL"] = "Thames Valley", ["HP"] = "Thames Valley", ["SO"] = "Hampshire",
        ["PO"] = "Hampshire", ["GU"] = "Surrey", ["RH"] = "Sussex", ["BN"] = "Sussex", ["TN"] = "Kent", ["ME"] = "Kent", ["CT"] = "Kent",
        // South West
        ["BS"] = "Avon & Somerset", ["BA"] = "Avon & Somerset", ["TA"] = "Avon & Somerset", ["EX"] = "Devon & Cornwall", ["PL"] = "Devon & Cornwall",
        ["TQ"] = "Devon & Cornwall", ["TR"] = "Devon & Cornwall", ["DT"] = "Dorset", ["BH"] = "Dorset", ["GL"] = "Gloucestershire",
        ["SN"] = "Wiltshire", ["SP"] = "Wiltshire", ["GY"] = "Guernsey", ["JE"] = "Jersey",
        // Wales
        ["CF"] = "South Wales", ["SA"] = "South Wales", ["NP"] = "Gwent", ["LD"] = "Dyfed-Powys", ["LL"] = "North Wales",
        // Scotland
        ["AB"] = "Police Scotland", ["DD"] = "Police Scotland", ["DG"] = "Police Scotland", ["EH"] = "Police Scotland", ["FK"] = "Police Scotland",
        ["G"] = "Police Scotland", ["HS"] = "Police Scotland", ["IV"] = "Police Scotland", ["KA"] = "Police Scotland", ["KW"] = "Police Scotland",
        ["KY"] = "Police Scotland", ["ML"] = "Police Scotland", ["PA"] = "Police Scotland", ["PH"] = "Police Scotland", ["TD"] = "Police Scotland",
        ["ZE"] = "Police Scotland",
        // Northern Ireland
        ["BT"] = "PSNI",
    };

    /// <summary>The regional unit whose forces include <paramref name="force"/>.</summary>
    public static string? UnitCodeOf(string force) => NetworkReferenceData.RegionalUnits.FirstOrDefault(u => u.Forces.Contains(force))?.Code;

    /// <summary>Every force of the network, for re-routing to local policing.</summary>
    public static IEnumerable<string> Forces => NetworkReferenceData.RegionalUnits.SelectMany(u => u.Forces).Order(StringComparer.Ordinal);

    /// <summary>Whether a unit keeps an ACT queue: every regional unit, and the national queue.</summary>
    public static bool IsQueue(string unitCode) => unitCode == NationalQueue || NetworkReferenceData.RegionalUnits.Any(u => u.Code == unitCode);

    /// <summary>The unit code of the national queue: online-only reports and those whose place routes nowhere.</summary>
    public const string NationalQueue = "noc-coordination-centre";

    /// <summary>"M1 1AE" from "m11ae" (a UK postcode's outward and inward codes), or null when it is not one.</summary>
    public static string? Postcode(string? typed)
    {
        var s = new string((typed ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        if (s.Length is < 5 or > 7 || !char.IsAsciiLetter(s[0]) || !char.IsAsciiDigit(s[^3]) || !char.IsAsciiLetter(s[^2]) || !char.IsAsciiLetter(s[^1]))
        {
            return null;
        }
        var outward = s[..^3];
        return outward.Length is >= 2 and <= 4 && outward.Any(char.IsAsciiDigit) ? $"{outward} {s[^3..]}" : null;
    }

    /// <summary>The letters that start a postcode ("M" of "M1 1AE", "SW" of "SW1A 1AA").</summary>
    public static string Area(string postcode) => new(postcode.TakeWhile(char.IsAsciiLetter).ToArray());

    /// <summary>The outward code ("M1" of "M1 1AE"): the postcode district, what clustering compares.</summary>
    public static string District(string postcode) => postcode.Split(' ')[0];

    /// <summary>The force and unit a place routes to, and why; or the national queue.</summary>
    public static (string Force, string UnitCode, string Because) Route(bool online, string postcode)
    {
        if (online)
        {
            return ("", NationalQueue, "Online: the national queue");
        }
        if (postcode.Length > 0 && PostcodeAreas.TryGetValue(Area(postcode), out var force) && UnitCodeOf(force) is { } unit)
        {
            return (force, unit, $"Postcode area {Area(postcode)}: {force}");
        }
        return ("", NationalQueue, "No postcode the routing table knows: the national queue");
    }
}
