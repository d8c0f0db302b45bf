namespace Vigil.Web.Platform.Places;

/// <summary>A protected site near a place: its name, postcode, whether it is in Martyn's Law's enhanced tier, its
/// unit and its adviser. Names and places of crowded places only, nothing else of their records.</summary>
public sealed record NearbySite(Guid Id, string Name, string Postcode, bool EnhancedTier, Guid OwningUnitId, Guid? AdviserId);

/// <summary>The sites near a place, from whichever module keeps them (Protect's register): those in the same postcode
/// district, read as the system does, since the work that asks (ACT's processing) must tell the sites' advisers
/// whoever reported. At most <paramref name="most"/>.</summary>
public interface INearbySites
{
    Task<IReadOnlyList<NearbySite>> InDistrictAsync(string postcode, int most, CancellationToken ct);
}
