namespace Vigil.Web.Platform;

/// <summary>Where things are when Vigil runs from a source checkout (the README's first command) and
/// when it runs published: from source, the content root is src/Vigil.Web and data goes to the
/// repository's data/ folder; published, both sit beside the executable.</summary>
public static class SourceLayout
{
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    public static string ContentRoot() =>
        RepositoryRoot() is { } root ? Path.Combine(root, "src", "Vigil.Web") : AppContext.BaseDirectory;

    public static string DataFolder() =>
        Path.Combine(RepositoryRoot() ?? AppContext.BaseDirectory, "data");
}
