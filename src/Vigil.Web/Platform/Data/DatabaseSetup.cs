using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Network;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data;

/// <summary>Brings a database up to date: migrations, reference data (the network, roles) and, in demo
/// mode, the demo accounts and synthetic data. Safe to run at every start: each step checks first.</summary>
public sealed class DatabaseSetup(IServiceProvider services, ILogger<DatabaseSetup> log)
{
    public async Task RunAsync(bool demo, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        // Setup is the system's own work: it sees everything and is recorded as "system" in the audit log.
        sp.GetRequiredService<AccessContext>().RunAsSystem("system:setup");

        var db = sp.GetRequiredService<VigilDb>();
        await db.Database.MigrateAsync(ct);
        await SeedNetworkAsync(db, ct);
        await SeedRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        if (demo)
        {
            await sp.GetRequiredService<DemoData>().SeedAsync(ct);
        }
        log.LogInformation("Database ready ({Provider}, demo data: {Demo})", db.Database.ProviderName, demo);
    }

    private static async Task SeedNetworkAsync(VigilDb db, CancellationToken ct)
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

    private static async Task SeedRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole<Guid>(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
