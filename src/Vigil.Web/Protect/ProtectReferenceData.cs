namespace Vigil.Web.Protect;

/// <summary>Protect's reference data: the crowded-places sectors (DOMAIN.md) and the awareness products.</summary>
public static class ProtectReferenceData
{
    public sealed record Sector(string Code, string Name);

    public static readonly IReadOnlyList<Sector> Sectors =
    [
        new("night-time-economy", "Night-time economy"), new("cinemas-theatres", "Cinemas and theatres"), new("stadia-arenas", "Stadia and arenas"),
        new("retail", "Retail"), new("health", "Health"), new("education", "Education"), new("places-of-worship", "Places of worship"),
        new("hotels-restaurants", "Hotels and restaurants"), new("major-events", "Major events"), new("visitor-attractions", "Visitor attractions"),
        new("commercial-centres", "Commercial centres"), new("transport", "Transport"),
    ];

    public static string SectorName(string code) => Sectors.FirstOrDefault(s => s.Code == code)?.Name ?? code;

    public static bool IsSector(string? code) => Sectors.Any(s => s.Code == code);

    public static string TierName(MartynsLawTier tier) => tier switch
    {
        MartynsLawTier.Enhanced => "Enhanced tier",
        MartynsLawTier.Standard => "Standard tier",
        _ => "Not in scope",
    };

    public static string StatusName(RecommendationStatus status) => status switch
    {
        RecommendationStatus.InProgress => "In progress",
        RecommendationStatus.NotAccepted => "Not accepted",
        _ => status.ToString(),
    };
}
