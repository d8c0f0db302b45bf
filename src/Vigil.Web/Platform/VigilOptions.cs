namespace Vigil.Web.Platform;

/// <summary>How this instance runs, decided once at start-up.</summary>
public sealed class VigilOptions
{
    /// <summary>Demo mode seeds (and allows sign-in to) the documented demo accounts and synthetic data.
    /// On with --demo, or by default in the Development environment (running from source).</summary>
    public bool DemoMode { get; init; }

    /// <summary>The folder for the SQLite database and the audit checkpoint signing key.</summary>
    public required string DataFolder { get; init; }

    public static VigilOptions From(string[] args, IHostEnvironment environment, IConfiguration config, string defaultDataFolder)
    {
        var demo = args.Contains("--demo") || (config.GetValue<bool?>("Vigil:Demo") ?? environment.IsDevelopment());
        var folder = config["Vigil:DataFolder"] is { Length: > 0 } f ? Path.GetFullPath(f) : defaultDataFolder;
        return new VigilOptions { DemoMode = demo, DataFolder = folder };
    }
}
