using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Network;

internal sealed class NetworkDirectory(VigilDb db) : IOrganisationDirectory
{
    public async Task<IReadOnlyList<UnitOrAgency>> UnitsAsync(CancellationToken ct) =>
        await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Name).Select(u => new UnitOrAgency(u.Id, u.Code, u.Name, true)).ToListAsync(ct);

    public async Task<IReadOnlyList<UnitOrAgency>> PartnersAsync(CancellationToken ct) =>
        await db.Set<PartnerAgency>().AsNoTracking().OrderBy(p => p.Name).Select(p => new UnitOrAgency(p.Id, p.Code, p.Name, false)).ToListAsync(ct);

    public Task<UnitOrAgency?> UnitAsync(string code, CancellationToken ct) =>
        db.Set<Unit>().AsNoTracking().Where(u => u.Code == code).Select(u => new UnitOrAgency(u.Id, u.Code, u.Name, true)).FirstOrDefaultAsync(ct);

    public Task<UnitOrAgency?> PartnerAsync(string code, CancellationToken ct) =>
        db.Set<PartnerAgency>().AsNoTracking().Where(p => p.Code == code).Select(p => new UnitOrAgency(p.Id, p.Code, p.Name, false)).FirstOrDefaultAsync(ct);

    public async Task<UnitOrAgency?> OfAsync(Guid? unitId, Guid? partnerId, CancellationToken ct) => unitId is { } unit
        ? await db.Set<Unit>().AsNoTracking().Where(u => u.Id == unit).Select(u => new UnitOrAgency(u.Id, u.Code, u.Name, true)).FirstOrDefaultAsync(ct)
        : partnerId is { } partner
            ? await db.Set<PartnerAgency>().AsNoTracking().Where(p => p.Id == partner).Select(p => new UnitOrAgency(p.Id, p.Code, p.Name, false)).FirstOrDefaultAsync(ct)
            : null;
}

/// <summary>The network as the brochure describes it, seeded once; administrators edit it afterwards.</summary>
internal sealed class NetworkSeed : ISeed
{
    public string Name => "network";
    public IReadOnlyList<string> After => [];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (await db.Set<Unit>().AnyAsync(ct))
        {
            return;
        }
        foreach (var region in NetworkReferenceData.RegionalUnits)
        {
            var unit = new Unit { Code = region.Code, Name = region.Name, Kind = region.Kind, ContactEmail = $"duty.{region.Code}@ctp.vigil.example" };
            unit.Forces = region.Forces.Select(f => new Force { Name = f, UnitId = unit.Id }).ToList();
            db.Add(unit);
            await db.SaveChangesAsync(ct);
            unit.LeadForceId = unit.Forces.Single(f => f.Name == region.LeadForce).Id;
        }
        db.Add(new Unit { Code = "nctphq", Name = "National Counter Terrorism Policing Headquarters", Kind = UnitKind.Headquarters, ContactEmail = "hq@ctp.vigil.example" });
        var noc = new Unit { Code = "noc", Name = "National Operations Centre", Kind = UnitKind.OperationsCentre, ContactEmail = "noc@ctp.vigil.example" };
        db.Add(noc);
        foreach (var (code, name) in NetworkReferenceData.OperationsCentreTeams)
        {
            db.Add(new Unit { Code = code, Name = $"National Operations Centre: {name}", Kind = UnitKind.OperationsCentreTeam, ParentUnitId = noc.Id, ContactEmail = $"{code}@ctp.vigil.example" });
        }
        foreach (var (code, name, kind) in NetworkReferenceData.Partners)
        {
            db.Add(new PartnerAgency { Code = code, Name = name, Kind = kind, ContactEmail = $"ct-liaison@{code}.vigil.example" });
        }
        await db.SaveChangesAsync(ct);
    }
}
