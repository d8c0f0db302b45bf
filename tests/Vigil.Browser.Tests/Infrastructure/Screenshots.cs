namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>Full-page screenshots for the documentation, saved to docs/images at the repository root.</summary>
public static class Screenshots
{
    public static string Folder { get; } = FindFolder();

    public static async Task SaveAsync(IPage page, string fileName) =>
        await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(Folder, fileName), FullPage = true });

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return Directory.CreateDirectory(System.IO.Path.Combine(dir.FullName, "docs", "images")).FullName;
            }
        }
        throw new InvalidOperationException($"No Vigil.slnx above {AppContext.BaseDirectory}");
    }
}
