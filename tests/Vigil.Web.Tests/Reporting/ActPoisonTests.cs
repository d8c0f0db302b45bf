using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Places;
using Vigil.Web.Reporting;

namespace Vigil.Web.Tests.Reporting;

/// <summary>An app whose sites-nearby lookup fails for one postcode district (ZE9), as a poison report would.</summary>
public sealed class PoisonDistrictApp : VigilApp
{
    public sealed class FailingSites : INearbySites
    {
        public Task<IReadOnlyList<NearbySite>> InDistrictAsync(string postcode, int most, CancellationToken ct) =>
            postcode.StartsWith("ZE9 ", StringComparison.Ordinal) ? throw new InvalidOperationException("poison district") : Task.FromResult<IReadOnlyList<NearbySite>>([]);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddScoped<INearbySites, FailingSites>());
    }
}

/// <summary>One report whose processing fails cannot stop the processing of the reports behind it: the batch is tried
/// one report at a time, the failing one is set aside (kept, in its queue, its trail saying it was not clustered),
/// and the rest are clustered.</summary>
public sealed class ActPoisonTests(PoisonDistrictApp app) : IClassFixture<PoisonDistrictApp>
{
    [Fact]
    public async Task APoisonReport_IsSetAside_AndTheReportsBehindItAreProcessed()
    {
        using var client = ActIntakeTests.Public(app);
        var poison = (await ActIntakeTests.SendAsync(client, ActIntakeTests.Report("A fictional poison report", postcode: "ZE9 1AA"))).GetProperty("reference").GetString()!;
        var behind = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            behind.Add((await ActIntakeTests.SendAsync(client, ActIntakeTests.Report($"A fictional report behind it {i}", postcode: "M11 3FF"))).GetProperty("reference").GetString()!);
        }
        // As the background processor does (it may be doing it at the same time; passes take turns): a batch with
        // the poison in it fails, and its reports are then tried one by one.
        var processor = app.Services.GetRequiredService<ActProcessor>();
        for (var pass = 0; pass < 20; pass++)
        {
            try
            {
                if (await processor.ProcessPendingAsync(CancellationToken.None) == 0)
                {
                    break;
                }
            }
            catch (InvalidOperationException e) when (e.Message == "poison district")
            {
                await processor.SetAsideFailingAsync(CancellationToken.None);
            }
        }

        var reports = await app.AsSystemAsync(db => db.Set<ActReport>().Where(r => r.Reference == poison || behind.Contains(r.Reference)).ToListAsync());
        Assert.Equal(4, reports.Count);
        Assert.All(reports, r => Assert.True(r.Processed, r.Reference));
        var setAside = reports.Single(r => r.Reference == poison);
        Assert.Contains(setAside.Trail, t => t.What.StartsWith("Not clustered: its processing failed", StringComparison.Ordinal));
        Assert.Equal(ActState.New, setAside.State);
        // The reports behind it were clustered with each other.
        var ids = reports.Where(r => r.Reference != poison).Select(r => r.Id).ToList();
        Assert.True(await app.AsSystemAsync(db => db.Set<ActClusterLink>().CountAsync(l => ids.Contains(l.ReportId) && ids.Contains(l.OtherId))) >= 6);
    }
}
