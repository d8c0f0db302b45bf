namespace Vigil.Web.Platform.Security;

public sealed record Organisation(Guid Id, string Code, string Name, bool IsUnit);

/// <summary>The units and partner agencies people belong to, as the platform needs them (who is this
/// user, whom to contact). Implemented by the Network module, which owns them.</summary>
public interface IOrganisationDirectory
{
    Task<IReadOnlyList<Organisation>> UnitsAsync(CancellationToken ct);
    Task<IReadOnlyList<Organisation>> PartnersAsync(CancellationToken ct);
    Task<Organisation?> UnitAsync(string code, CancellationToken ct);
    Task<Organisation?> PartnerAsync(string code, CancellationToken ct);

    /// <summary>The unit or agency a user belongs to.</summary>
    Task<Organisation?> OfAsync(Guid? unitId, Guid? partnerId, CancellationToken ct);
}
