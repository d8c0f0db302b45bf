using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Tests.Platform;

/// <summary>Dies (throws, as a killed process stops) just before its Nth save once armed; counts saves.</summary>
public sealed class CrashBeforeSave : SaveChangesInterceptor
{
    private int saves;
    private int crashAt = int.MaxValue;

    public int Saves => Volatile.Read(ref saves);

    public void CrashAt(int save)
    {
        Volatile.Write(ref saves, 0);
        Volatile.Write(ref crashAt, save);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref saves) == Volatile.Read(ref crashAt))
        {
            throw new SimulatedCrashException();
        }
        return ValueTask.FromResult(result);
    }
}

public sealed class SimulatedCrashException() : Exception("simulated crash during setup");

/// <summary>An app that is not set up when it starts: the test runs setup, and interrupts it.</summary>
public class InterruptibleApp : VigilApp
{
    public CrashBeforeSave Crash { get; } = new();
    protected override bool SetUpOnStart => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Crash));
    }
}

public sealed class InterruptibleProductionApp : InterruptibleApp
{
    protected override bool Demo => false;
}

/// <summary>
/// A first start killed while seeding must not leave a database that never starts, or that starts with
/// part of its reference data (once, 4 of 17 units, so no administrator could ever be created). Each seed
/// commits whole; the next start finds what is missing and completes it. Here the start dies just before
/// a chosen save (early, in the middle, at the end), and the next start must leave exactly what a start
/// that was never interrupted leaves, with the audit chain intact.
/// </summary>
public sealed class SeedingCrashTests
{
    private static Task<Dictionary<string, int>> InventoryAsync(VigilApp app) => app.AsSystemAsync(async db => new Dictionary<string, int>
    {
        ["units"] = await db.Set<Vigil.Web.Network.Unit>().CountAsync(),
        ["forces"] = await db.Set<Vigil.Web.Network.Force>().CountAsync(),
        ["partners"] = await db.Set<Vigil.Web.Network.PartnerAgency>().CountAsync(),
        ["roles"] = await db.Roles.CountAsync(),
        ["users"] = await db.Users.CountAsync(),
        ["groups"] = await db.NeedToKnowGroups.CountAsync(),
        ["pursue reference"] = await db.Set<Vigil.Web.Pursue.PursueReferenceItem>().CountAsync(),
        ["tiers"] = await db.Set<Vigil.Web.Subjects.SubjectTier>().CountAsync(),
        ["subjects"] = await db.Set<Vigil.Web.Subjects.Subject>().CountAsync(),
        ["investigations"] = await db.Set<Vigil.Web.Pursue.Investigation>().CountAsync(),
        ["prevent cases"] = await db.Set<Vigil.Web.Prevent.PreventCase>().CountAsync(),
    });

    private static async Task<(Dictionary<string, int> Inventory, int Saves)> UninterruptedAsync<TApp>() where TApp : InterruptibleApp, new()
    {
        await using var app = new TApp();
        await app.InitializeAsync();
        app.Crash.CrashAt(int.MaxValue);
        await app.SetUpAsync();
        return (await InventoryAsync(app), app.Crash.Saves);
    }

    private static async Task KilledAndRestartedAsync<TApp>(Dictionary<string, int> expected, int crashAt) where TApp : InterruptibleApp, new()
    {
        await using var app = new TApp();
        await app.InitializeAsync();
        app.Crash.CrashAt(crashAt);
        await Assert.ThrowsAsync<SimulatedCrashException>(app.SetUpAsync);

        app.Crash.CrashAt(int.MaxValue);
        await app.SetUpAsync();

        Assert.Equal(expected, await InventoryAsync(app));
        var chain = await app.AsSystemAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Vigil.Web.Platform.Security.AccessContext>().RunAsSystem("system:test");
            return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        });
        Assert.True(chain.Ok, chain.Message);
    }

    [Fact]
    public async Task ProductionStart_KilledAtEachSeedingSave_NextStartCompletesTheReferenceData()
    {
        var (expected, saves) = await UninterruptedAsync<InterruptibleProductionApp>();
        Assert.True(expected["units"] >= 17, "the network's units, headquarters and operations centre");
        for (var crashAt = 1; crashAt <= saves; crashAt += Math.Max(1, saves / 6))
        {
            await KilledAndRestartedAsync<InterruptibleProductionApp>(expected, crashAt);
        }
    }

    [Fact]
    public async Task DemoStart_KilledWhileSeeding_NextStartCompletesTheDemo()
    {
        var (expected, saves) = await UninterruptedAsync<InterruptibleApp>();
        Assert.True(expected["subjects"] > 0 && expected["investigations"] > 0 && expected["prevent cases"] > 0);
        foreach (var crashAt in new[] { saves / 5, saves / 2, saves - 1 }.Where(n => n >= 1).Distinct())
        {
            await KilledAndRestartedAsync<InterruptibleApp>(expected, crashAt);
        }
    }
}
