namespace Vigil.Matching.Text;

/// <summary>
/// The words of a name as a search index keeps them: the matcher's own normalisation (lower case, Latin
/// letters without diacritics, other scripts transliterated where it knows how, apostrophes dropped,
/// punctuation and hyphens as word breaks), so "O'Brien" is "obrien" and "Blackwood-Amadi" is "blackwood"
/// and "amadi", plus the joined form of a name of several words ("blackwoodamadi"), so that a name typed
/// without its hyphen or space is found too.
/// </summary>
public static class NameWords
{
    /// <summary>The distinct words of the given texts (a given name, a surname, other names).</summary>
    public static IReadOnlyList<string> Of(params string?[] texts)
    {
        var words = new List<string>();
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            var normal = TextNormaliser.Normalise(text, TextNormaliser.MaxNameLength);
            foreach (var word in normal.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Add(words, word);
            }
            if (normal.Contains(' ', StringComparison.Ordinal))
            {
                Add(words, normal.Replace(" ", "", StringComparison.Ordinal));
            }
        }
        return words;
    }

    /// <summary>The words a search for <paramref name="query"/> must each find (as the start of a name's word).</summary>
    public static IReadOnlyList<string> OfQuery(string? query) =>
        string.IsNullOrWhiteSpace(query) ? [] : TextNormaliser.Normalise(query, TextNormaliser.MaxNameLength).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();

    /// <summary>The first string after every string that starts with <paramref name="prefix"/> in ordinal
    /// order ("smi" gives "smj"), for a range an index can serve. Words hold only letters and digits.</summary>
    public static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static void Add(List<string> words, string word)
    {
        if (!words.Contains(word, StringComparer.Ordinal))
        {
            words.Add(word);
        }
    }
}
