using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data;

/// <summary>Brings a database up to date: migrations, then every module's seeds in order (reference data,
/// roles and, in demo mode, the demo accounts and synthetic data). Safe to run at every start.</summary>
public sealed class DatabaseSetup(IServiceProvider services, ILogger<DatabaseSetup> log)
{
    public async Task RunAsync(bool demo, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        // Setup is the system's own work: it sees everything and is recorded as "system:setup" in the audit log.
        sp.GetRequiredService<AccessContext>().RunAsSystem("system:setup");
        var db = sp.GetRequiredService<VigilDb>();
        await db.Database.MigrateAsync(ct);
        foreach (var seed in sp.GetServices<ISeed>().OrderBy(s => s.Order))
        {
            await seed.SeedAsync(db, demo, ct);
        }
        log.LogInformation("Database ready ({Provider}, demo data: {Demo})", db.Database.ProviderName, demo);
    }
}

/// <summary>The roles, as Identity roles.</summary>
internal sealed class RoleSeed(Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole<Guid>> roles) : ISeed
{
    public int Order => 15;

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityRole<Guid>(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
