using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Ui;

/// <summary>What the header search asks a source for: the words typed, and the page of the source's results
/// wanted. A source returns that page only, and a count through the same access filters as its own list.</summary>
public sealed record SearchQuery(string Text, int Page, int PageSize);

public sealed record SearchHit(string Title, string Href, string? Detail);

/// <summary>One page of a source's results, and how many there are in all (of those the user may see).</summary>
/// <summary>A source's hits; a source that stops counting says so with <see cref="MoreThanTotal"/>.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, bool MoreThanTotal = false)
{
    /// <summary>"42", or "more than 1,000".</summary>
    public string TotalText => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(MoreThanTotal ? "more than " : "")}{Total:N0}");
}

/// <summary>A kind of record the header search finds, contributed by the module that owns it. The module
/// searches its records its own way: through its use case, its access filter and its audit.</summary>
public interface ISearchSource
{
    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct);
}

/// <summary>A search source as the layout and the search page know it: where its section goes, what it is
/// called ("Subjects"), what it finds by (<see cref="Hint"/>: "a person's name, or part of it"), the key that asks for its section alone (<c>/search?q=..&amp;in=subjects</c>), and
/// whom it serves. Only the sources a user is served are created, and the header box shows only when
/// there is one.</summary>
public sealed record SearchSection(Type Source, string Key, string Heading, string Hint, int Position, Func<AccessContext, bool> Visible);

public static class SearchContributions
{
    public static IServiceCollection AddSearchSource<TSource>(this IServiceCollection services, string key, string heading, string hint, int position, Func<AccessContext, bool>? visible = null)
        where TSource : class, ISearchSource =>
        services.AddScoped<TSource>()
            .AddSingleton(new SearchSection(typeof(TSource), key, heading, hint, position, visible ?? (_ => true)));

    /// <summary>The sources this user is served, in order.</summary>
    public static IReadOnlyList<SearchSection> For(this IEnumerable<SearchSection> sections, AccessContext access) =>
        [.. sections.Where(s => access.IsAuthenticated && s.Visible(access)).OrderBy(s => s.Position)];
}
