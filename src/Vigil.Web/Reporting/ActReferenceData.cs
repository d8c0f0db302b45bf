using Vigil.Web.Network;
using Vigil.Web.Platform.Places;

namespace Vigil.Web.Reporting;

/// <summary>
/// ACT's reference data: the kinds of behaviour the public form offers (the campaign's own words), and routing:
/// the postcode areas with the police force that covers most of each (<see cref="Postcodes"/>), which with the network's table of forces
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

    /// <summary>The regional unit whose forces include <paramref name="force"/>.</summary>
    public static string? UnitCodeOf(string force) => NetworkReferenceData.RegionalUnits.FirstOrDefault(u => u.Forces.Contains(force))?.Code;

    /// <summary>Every force of the network, for re-routing to local policing.</summary>
    public static IEnumerable<string> Forces => NetworkReferenceData.RegionalUnits.SelectMany(u => u.Forces).Order(StringComparer.Ordinal);

    /// <summary>Whether a unit keeps an ACT queue: every regional unit, and the national queue.</summary>
    public static bool IsQueue(string unitCode) => unitCode == NationalQueue || NetworkReferenceData.RegionalUnits.Any(u => u.Code == unitCode);

    /// <summary>The unit code of the national queue: online-only reports and those whose place routes nowhere.</summary>
    public const string NationalQueue = "noc-coordination-centre";

    /// <summary>"M1 1AE" from "m11ae", or null when it is not a postcode (<see cref="Postcodes.Normalise"/>).</summary>
    public static string? Postcode(string? typed) => Postcodes.Normalise(typed);

    /// <summary>The force and unit a place routes to, and why; or the national queue.</summary>
    public static (string Force, string UnitCode, string Because) Route(bool online, string postcode)
    {
        if (online)
        {
            return ("", NationalQueue, "Online: the national queue");
        }
        if (postcode.Length > 0 && Postcodes.AreaOf(postcode) is { } area && UnitCodeOf(area.Force) is { } unit)
        {
            return (area.Force, unit, $"Postcode area {area.Code}: {area.Force}");
        }
        return ("", NationalQueue, "No postcode the routing table knows: the national queue");
    }
}
