using System.Text.Json;
using Vigil.Web.Tests.Security;

namespace Vigil.Web.Tests.Intelligence;

/// <summary>An entity whose deconfliction check cannot run (the officer has used up their checks) is recorded,
/// unlinked, with the reason: never lost, and the report saved whole.</summary>
public sealed class EntityCheckLimitTests(DeconflictionLimitsApp app) : IClassFixture<DeconflictionLimitsApp>
{
    [Fact]
    public async Task Entities_BeyondTheCheckLimit_AreKeptUnlinked_WithTheReason()
    {
        using var officer = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        var named = Enumerable.Range(0, DeconflictionLimitsApp.Checks + 2).Select(i => new { kind = "Phone", value = $"07700 900{700 + i}" }).ToArray();
        var response = await officer.PostAsJsonAsync("/api/v1/intelligence/reports", new
        {
            text = "A fictional report naming many phones.", source = "2", assessment = "C", handling = "P", classification = "Official", entities = named,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entities = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(named.Length, entities.Count);
        Assert.Equal(named.Select(n => n.value), entities.Select(e => e.GetProperty("value").GetString()));
        var notRun = entities.Where(e => e.GetProperty("linkNote").GetString()!.StartsWith("The deconfliction check could not run", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, notRun.Count);
        Assert.All(notRun, e => Assert.Equal("Unlinked", e.GetProperty("link").GetString()));
    }
}
