using System.Text.RegularExpressions;
using Vigil.Web.Prevent;

namespace Vigil.Web.Tests.Prevent;

/// <summary>Pages show people and agencies by their names: never an internal actor ("system:demo"), a
/// placeholder ("(demo)") or two labels run together.</summary>
public sealed partial class ShownNamesTests(VigilApp app) : IClassFixture<VigilApp>
{
    [GeneratedRegex(@"system:|\(demo\)|ChairPartner", RegexOptions.IgnoreCase)]
    private static partial Regex Internal();

    [Fact]
    public async Task DemoCasework_ShowsWhoRecordedItByName()
    {
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);
        var (_, panel) = await officer.GetAsync("/prevent/panels/manchester");
        var main = panel.QuerySelector("main")!.TextContent;
        Assert.DoesNotMatch(Internal(), main);
        var chair = panel.QuerySelector("[data-testid=member][data-email='channel.manchester@vigil.example']")!;
        Assert.Contains("Manchester City Council (chair)", chair.TextContent, StringComparison.Ordinal);
        Assert.Contains("Manchester City Council", chair.QuerySelector("[data-testid=member-agency]")!.TextContent, StringComparison.Ordinal);

        var northWest = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "north-west").Select(u => u.Id).SingleAsync());
        var cases = await app.AsSystemAsync(db => db.Set<PreventCase>().Where(c => c.OwningUnitId == northWest && c.AdoptedAt != null).OrderBy(c => c.ReferredAt).Select(c => c.Id).Take(3).ToListAsync());
        Assert.NotEmpty(cases);
        foreach (var id in cases)
        {
            var (response, page) = await officer.GetAsync($"/prevent/cases/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotMatch(Internal(), page.QuerySelector("main")!.TextContent);
            Assert.Contains(Vigil.Web.Platform.Data.DemoData.Accounts.Single(a => a.Email == DemoUsers.PreventNorthWest).DisplayName, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DemoRecords_NameTheOfficerWhoAddedThem()
    {
        var markers = await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Subject>().IgnoreQueryFilters().SelectMany(s => s.WarningMarkers).Select(w => w.AddedBy).Distinct().ToListAsync());
        Assert.NotEmpty(markers);
        Assert.All(markers, by => Assert.DoesNotMatch(Internal(), by));
        var phases = await app.AsSystemAsync(db => db.Set<Vigil.Web.Pursue.Investigation>().IgnoreQueryFilters().SelectMany(i => i.PhaseChanges).Select(p => p.By).Distinct().ToListAsync());
        Assert.All(phases, by => Assert.DoesNotMatch(Internal(), by));
    }
}
