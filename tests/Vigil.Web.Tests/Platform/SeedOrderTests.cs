using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Tests.Platform;

public sealed class SeedOrderTests(VigilApp app) : IClassFixture<VigilApp>
{
    private sealed class Named(string name, params string[] after) : ISeed
    {
        public string Name => name;
        public IReadOnlyList<string> After => after;
        public Task SeedAsync(VigilDb db, bool demo, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public void InOrder_PutsEachSeedAfterWhatItNames_OtherwiseKeepsRegistrationOrder()
    {
        var ordered = Seeds.InOrder([new Named("demo", "accounts", "reference"), new Named("accounts", "roles"), new Named("roles"), new Named("reference")]);
        Assert.Equal(["roles", "accounts", "reference", "demo"], ordered.Select(s => s.Name));
    }

    [Fact]
    public void InOrder_AnUnknownName_StopsTheStartNamingIt()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Seeds.InOrder([new Named("demo", "acounts"), new Named("accounts")]));
        Assert.Contains("demo waits for acounts", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InOrder_SeedsWaitingOnEachOther_StopTheStartNamingThem()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Seeds.InOrder([new Named("a", "b"), new Named("b", "a"), new Named("c")]));
        Assert.Contains("a, b", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheModulesSeeds_EachRunAfterWhatTheyRead()
    {
        using var scope = app.Services.CreateScope();
        var ordered = Seeds.InOrder(scope.ServiceProvider.GetServices<ISeed>()).Select(s => s.Name).ToList();
        // Reference data before the accounts that use it, accounts before the records they own.
        Assert.True(ordered.IndexOf("network") < ordered.IndexOf("demo-accounts"));
        Assert.True(ordered.IndexOf("roles") < ordered.IndexOf("demo-accounts"));
        Assert.True(ordered.IndexOf("demo-accounts") < ordered.IndexOf("subjects-demo"));
        Assert.True(ordered.IndexOf("subjects-demo") < ordered.IndexOf("pursue-demo"));
        Assert.True(ordered.IndexOf("prevent-reference") < ordered.IndexOf("prevent-demo"));
        Assert.Equal(ordered.Count, ordered.Distinct().Count());
    }
}
