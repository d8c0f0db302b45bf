namespace Vigil.Web.Platform.Security;

public sealed record UnitOrAgency(Guid Id, string Code, string Name, bool IsUnit);

/// <summary>The units and partner agencies people belong to, as the platform needs them (who is this
/// user, whom to contact). Implemented by the Network module, which owns them.</summary>
public interface IOrganisationDirectory
{
    Task<IReadOnlyList<UnitOrAgency>> UnitsAsync(CancellationToken ct);
    Task<IReadOnlyList<UnitOrAgency>> PartnersAsync(CancellationToken ct);
    Task<UnitOrAgency?> UnitAsync(string code, CancellationToken ct);
    Task<UnitOrAgency?> PartnerAsync(string code, CancellationToken ct);

    /// <summary>The unit or agency a user belongs to.</summary>
    Task<UnitOrAgency?> OfAsync(Guid? unitId, Guid? partnerId, CancellationToken ct);
}
