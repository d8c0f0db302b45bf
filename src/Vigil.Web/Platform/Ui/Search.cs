using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Ui;

/// <summary>A kind of record the one search finds (<c>Platform/Search</c>), contributed by the module that owns
/// it: its key (the record's <c>SearchType</c>, and <c>&amp;type=</c>), what the page calls it ("Subjects"), what it
/// is found by (<see cref="Hint"/>: "a name, an identifier or a phone number"), its place in lists, and whom the
/// page names it to. What a user finds is decided by the records' labels, not by this: it only words the page,
/// and the header box shows to someone at least one kind is named to.</summary>
public sealed record SearchSection(string Key, string Heading, string Hint, int Position, Func<AccessContext, bool> Visible);

public static class SearchContributions
{
    public static IServiceCollection AddSearchType(this IServiceCollection services, string key, string heading, string hint, int position, Func<AccessContext, bool>? visible = null) =>
        services.AddSingleton(new SearchSection(key, heading, hint, position, visible ?? (_ => true)));

    /// <summary>The kinds named to this user, in order.</summary>
    public static IReadOnlyList<SearchSection> For(this IEnumerable<SearchSection> sections, AccessContext access) =>
        [.. sections.Where(s => access.IsAuthenticated && s.Visible(access)).OrderBy(s => s.Position)];
}
