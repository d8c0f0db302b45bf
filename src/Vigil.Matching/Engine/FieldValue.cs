namespace Vigil.Matching.Engine;

/// <summary>
/// One distinct normalised value of one field, shared by every record that holds it: records point at
/// values, so equal values are one object (an exact match is a reference comparison) and the keys that
/// comparisons need are computed once per value, not once per pair.
/// </summary>
internal sealed class FieldValue
{
    public FieldValue(string text, string key)
    {
        Text = text;
        Key = key;
    }

    /// <summary>Normalised text, words separated by single spaces.</summary>
    public string Text { get; }

    /// <summary>The identity of the value: for names the text without spaces, otherwise the text.</summary>
    public string Key { get; }

    /// <summary>
    /// A secondary key: Soundex for names and places, the district for postcodes, a hash of the local
    /// part for email; 0 when none.
    /// </summary>
    public int Secondary { get; init; }

    /// <summary>Name variant groups this name belongs to (sorted), for names.</summary>
    public int[] Groups { get; init; } = [];

    /// <summary>
    /// For a name, the other forms it is compared in, or null (most values): without its particles, its
    /// Latin spellings when written in Arabic, its loose reading when written in Cyrillic. One reference
    /// held by every value, so that values that need none cost no more than a pointer.
    /// </summary>
    public NameForms? Forms { get; set; }

    /// <summary>Whether the text has several words.</summary>
    public bool MultiWord { get; init; }

    /// <summary>Packed YYYYMMDD, for dates.</summary>
    public int Date { get; init; }

    /// <summary>How many records (of the table's population) hold this value; for term frequencies.</summary>
    public int Count { get; set; }

    public override string ToString() => Text;
}

/// <summary>The other forms a name is compared in.</summary>
/// <param name="Bare">The key without the optional particles (al sayed gives sayed), or null when it has none.</param>
/// <param name="Spelling">For a name written in Arabic script: the Latin spellings it can have (<see cref="Text.ArabicSpelling"/>).</param>
/// <param name="Loose">For a name written in Cyrillic script: its loose Latin reading (<see cref="Text.CyrillicReading"/>), to meet the name it was written from (Джон is dzhon, and John).</param>
internal sealed record NameForms(string? Bare, System.Text.RegularExpressions.Regex? Spelling, string? Loose);
