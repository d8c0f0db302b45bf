using Vigil.Web.Platform.Data;

namespace Vigil.Web.Prevent;

/// <summary>Demo Prevent data (demo mode only).</summary>
public sealed class PreventDemoSeed : ISeed
{
    public int Order => 50;

    public Task SeedAsync(VigilDb db, bool demo, CancellationToken ct) => Task.CompletedTask;
}
